/* pdf.js viewer (abridged): opens the document named by the ?file= parameter. */
(function(){var m=/[?&]file=([^&#]+)/.exec(location.search);var file=m?decodeURIComponent(m[1]):'compressed.tracemonkey-pldi-09.pdf';window.PDFViewerApplicationOptions={defaultUrl:file};})();
