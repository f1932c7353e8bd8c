/* gkmlpt list app (abridged build).  Reads window._CONFIG and renders the category list
   from the JSON API: GET /gkmlpt/api/all/{CATEGORY_ID}?page={n}&sid={SID}.  The pager uses
   "total" when the answer has one; without it, it offers 下一页 while a page comes back full. */
(function(){
  var cfg = window._CONFIG || {}, app = document.getElementById('app'), size = cfg.PAGE_SIZE || 20;
  function load(page){
    var xhr = new XMLHttpRequest();
    xhr.open('GET', '/gkmlpt/api/all/' + cfg.CATEGORY_ID + '?page=' + page + '&sid=' + cfg.SID);
    xhr.onload = function(){
      var data = JSON.parse(xhr.responseText), html = '<ul class="gkml-list">';
      for (var i = 0; i < data.articles.length; i++) {
        var a = data.articles[i];
        html += '<li><a target="_blank" href="' + a.url + '">' + a.title + '</a></li>';
      }
      var more = data.total != null ? page * size < data.total : data.articles.length == size;
      app.innerHTML = html + '</ul>' + (more ? '<a class="next" data-page="' + (page + 1) + '">下一页</a>' : '');
    };
    xhr.send();
  }
  load(1);
})();
