/* site helpers */
function downloadFile(url){
  if(!url){ return; }
  window.location.href = url;
}
function goPage(total){
  var n = parseInt(document.getElementById('pageNo').value, 10);
  if(isNaN(n) || n < 1 || n > total){ alert('请输入正确的页码'); return; }
  window.location.href = 'list.jsp?page=' + n;
}
