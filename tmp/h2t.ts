import { convert } from 'html-to-text';
const html = `<p>Hi <at id="0">Helen Price</at>, can <b>Public Health</b> circulate the revised ToR&nbsp;before the next board? &amp; &lt;x&gt; &#8217;</p><ul><li>one</li><li>two</li></ul><ol><li>a</li><li>b</li></ol><p>See <a href="https://example.org/tor">the ToR</a> and <a href="https://x.org">https://x.org</a></p><script>alert(1)</script><img src="x" alt="chart">`;
console.log(JSON.stringify(convert(html, { wordwrap: false, selectors: [
  { selector: 'a', options: { linkBrackets: ['(', ')'], hideLinkHrefIfSameAsText: true } },
  { selector: 'img', format: 'skip' },
  { selector: 'at', format: 'inline' },
]})));
