/* jpage -- Hanweb list pager (abridged).  The page's <datastore> holds the first group
   (perPage x groupSize records); the next groups are POSTed for:
   proxyUrl?startrecord=S&endrecord=E&perpage=P with ajaxParam (the param_<unitid> object)
   as the urlencoded form body.  The answer is the same <datastore> XML. */
(function($){
  $.fn.jpage = function(o){
    var group = o.perPage * o.groupSize, self = this;
    function fetchGroup(start){
      $.ajax({type:'POST', url:o.proxyUrl + '?startrecord=' + start + '&endrecord=' + (start + group - 1) + '&perpage=' + o.perPage,
              data:o.ajaxParam, dataType:'xml', success:function(xml){ render($(xml).find('record')); }});
    }
    function render(records){ var h = o.dataBefore; records.each(function(){ h += $(this).text(); }); self.html(h + o.dataAfter); }
    return this;
  };
})(jQuery);
