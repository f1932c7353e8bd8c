/* gkmlpt index app (abridged build).  The shell is the same for every category: the
   category id is the location hash (/gkmlpt/index#2810).  Lists come from
   GET /gkmlpt/api/all/{catId}?page={n}&sid={SID}  ->  {"articles":[...],"total":N,"page":n} */
(function(){
  var cfg = window._CONFIG || {};
  var app = document.getElementById('app');
  function cat(){ var m = /^#(\d+)/.exec(location.hash); return m ? m[1] : ''; }
  function load(page){
    var c = cat();
    if (!c) { app.innerHTML = '<div class="gk-tree">请选择左侧目录分类</div>'; return; }
    var xhr = new XMLHttpRequest();
    xhr.open('GET', '/gkmlpt/api/all/' + c + '?page=' + page + '&sid=' + cfg.SID);
    xhr.onload = function(){
      var d = JSON.parse(xhr.responseText), h = '<ul class="gk-list">';
      d.articles.forEach(function(a){
        h += '<li><a target="_blank" href="' + a.url + '">' + a.title + '</a><span>' +
             new Date(a.display_publish_time * 1000).toISOString().slice(0, 10) + '</span></li>';
      });
      var pages = Math.ceil(d.total / 4);
      h += '</ul><div class="gk-pager">共' + d.total + '条 第' + page + '/' + pages + '页</div>';
      app.innerHTML = h;
    };
    xhr.send();
  }
  window.addEventListener('hashchange', function(){ load(1); });
  load(1);
})();
