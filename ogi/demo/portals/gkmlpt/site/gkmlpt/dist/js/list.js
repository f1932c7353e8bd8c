/* gkmlpt list app (abridged build). Reads window._CONFIG and renders the category list
   from the JSON API: GET /gkmlpt/api/all/{CATEGORY_ID}?page={n}&sid={SID}
   -> {"articles":[{"id","title","url","publish_time",...}],"total":N,"page":n} */
(function(){
  var cfg = window._CONFIG || {};
  var app = document.getElementById('app');
  function load(page){
    var xhr = new XMLHttpRequest();
    xhr.open('GET', '/gkmlpt/api/all/' + cfg.CATEGORY_ID + '?page=' + page + '&sid=' + cfg.SID);
    xhr.onload = function(){
      var data = JSON.parse(xhr.responseText), html = '<ul class="gkml-list">';
      for (var i = 0; i < data.articles.length; i++) {
        var a = data.articles[i];
        html += '<li><a target="_blank" href="' + a.url + '">' + a.title + '</a><span>' +
                new Date(a.publish_time * 1000).toISOString().slice(0, 10) + '</span></li>';
      }
      app.innerHTML = html + '</ul>';
    };
    xhr.send();
  }
  load(1);
})();
