/* jpage 3.0 -- Hanweb list pager (abridged).  The page holds the first group of records
   (perPage x groupSize) in <script type="text/xml"><datastore>.  The next groups come from
   POST proxyUrl?startrecord=S&endrecord=E&perpage=P with ajaxParam as the form body.  The pager
   stops at totalRecord when the page gives one, else at the <totalrecord> of the proxy answer,
   else when a group comes back with fewer records than asked for (or none). */
(function($){
  $.fn.jpage = function(opts){
    var o = $.extend({perPage:15, groupSize:3, proxyUrl:'/module/web/jpage/dataproxy.jsp'}, opts);
    var group = o.perPage * o.groupSize, total = o.totalRecord || null;
    function load(start){
      if (total !== null && start > total) return;
      var end = start + group - 1;
      $.post(o.proxyUrl + '?startrecord=' + start + '&endrecord=' + end + '&perpage=' + o.perPage,
             o.ajaxParam, function(xml){
        var recs = $(xml).find('record'), t = $(xml).find('totalrecord');
        if (t.length) total = parseInt(t.text(), 10);
        if (recs.length < group && total === null) return;
        load(end + 1);
      }, 'xml');
    }
    return this;
  };
})(jQuery);
