/* jpage 3.0 -- Hanweb list pager (abridged). Renders the records of the <datastore> found
   in the page; for pages beyond the first group it POSTs ajaxParam to proxyUrl with
   startrecord/endrecord/perpage in the query string and reads the same <datastore> XML. */
(function($){
  $.fn.jpage = function(opts){
    var o = $.extend({perPage:15, groupSize:3, proxyUrl:'/module/web/jpage/dataproxy.jsp'}, opts);
    var group = o.perPage * o.groupSize;
    function load(startrecord, cb){
      var endrecord = startrecord + group - 1;
      $.post(o.proxyUrl + '?startrecord=' + startrecord + '&endrecord=' + endrecord + '&perpage=' + o.perPage,
             o.ajaxParam, function(xml){ cb($(xml).find('record')); }, 'xml');
    }
    return this;
  };
})(jQuery);
