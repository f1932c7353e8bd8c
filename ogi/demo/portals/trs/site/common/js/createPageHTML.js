// TRS WCM 分页（模板置标 <TRS_PAGE> 生成的列表页调用）
// _nPageCount: 总页数；_nCurrIndex: 当前页（从0开始）；_sPageName: 文件名；_sPageExt: 扩展名
function createPageHTML(_nPageCount, _nCurrIndex, _sPageName, _sPageExt){
	if(_nPageCount == null || _nPageCount<=1){
		return;
	}
	var nCurrIndex = _nCurrIndex || 0;
	if(nCurrIndex == 0){
		document.write("<span class=\"disabled\">首页</span><span class=\"disabled\">上一页</span>");
	}else{
		document.write("<a href=\""+_sPageName+"."+_sPageExt+"\">首页</a>");
		var nPreIndex = nCurrIndex - 1;
		var sPreFile = nPreIndex == 0 ? _sPageName+"."+_sPageExt : _sPageName+"_"+nPreIndex+"."+_sPageExt;
		document.write("<a href=\""+sPreFile+"\">上一页</a>");
	}
	for(var i=0; i<_nPageCount; i++){
		var sFile = i == 0 ? _sPageName+"."+_sPageExt : _sPageName+"_"+i+"."+_sPageExt;
		if(i == nCurrIndex) document.write("<span class=\"current\">"+(i+1)+"</span>");
		else document.write("<a href=\""+sFile+"\">"+(i+1)+"</a>");
	}
	if(nCurrIndex == _nPageCount-1){
		document.write("<span class=\"disabled\">下一页</span><span class=\"disabled\">尾页</span>");
	}else{
		document.write("<a href=\""+_sPageName+"_"+(nCurrIndex+1)+"."+_sPageExt+"\">下一页</a>");
		document.write("<a href=\""+_sPageName+"_"+(_nPageCount-1)+"."+_sPageExt+"\">尾页</a>");
	}
	document.write("<span>共"+_nPageCount+"页</span>");
}
