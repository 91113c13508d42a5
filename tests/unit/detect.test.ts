import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { detectVendors } from '../../lib/detection/detect';
import { readPage } from '../../lib/detection/read-page';
import { testIndex } from './helpers';

const index = testIndex();

function detect(html: string, url: string | null = 'https://news.example.org/story') {
  const { document } = parseHTML(`<!doctype html><html>${html}</html>`);
  return detectVendors(readPage(document, url).signals, index);
}
const ids = (html: string, url?: string | null) => detect(html, url).map((d) => d.vendorId).sort();

describe('detectVendors on a page', () => {
  it('reads text split across inline tags', () => {
    expect(ids('<body><p>Attack on Change <b>Healthcare</b> disrupted claims.</p></body>')).toEqual(['change-healthcare']);
  });

  it('does not run block elements together', () => {
    expect(ids('<body><ul><li>Change</li><li>Healthcare</li></ul></body>')).toEqual([]);
  });

  it('ignores scripts, styles, form fields and editable areas', () => {
    const html = `<body><script>var a = "Change Healthcare";</script><style>.Optum{}</style>
      <textarea>Optum</textarea><input value="Optum"><div contenteditable="true">CareCloud</div>
      <template><p>Allscripts</p></template></body>`;
    expect(ids(html)).toEqual([]);
  });

  it('finds the page host, portal hosts and path markers', () => {
    expect(ids('<body>Sign in</body>', 'https://portal.carecloud.com/login')).toEqual(['carecloud']);
    expect(ids('<body>Sign in</body>', 'https://acme.followmyhealth.com/')).toEqual(['veradigm']);
    expect(ids('<body>Sign in</body>', 'https://mychart.stlukes.org/MyChart/Authentication/Login')).toEqual(['epic']);
    expect(ids('<body>Sign in</body>', 'https://clinic.nextmd.com/')).toEqual(['nextgen-healthcare']);
    expect(ids('<body>Sign in</body>', 'https://notcarecloud.com/')).toEqual([]);
  });

  it('finds links, scripts and frames that point at vendor hosts', () => {
    const html = `<head><script src="https://cdn.optum.com/widget.js"></script></head>
      <body><a href="https://www.cerner.com/about">about</a><iframe src="https://pay.carecloud.com/x"></iframe></body>`;
    const found = detect(html);
    expect(found.map((d) => [d.vendorId, d.evidence[0]!.kind]).sort()).toEqual([
      ['carecloud', 'iframe'],
      ['optum', 'script'],
      ['oracle-health', 'link'],
    ]);
  });

  it('resolves relative links against the page address', () => {
    expect(ids('<body><a href="/MyChart/">Patient portal</a></body>', 'https://health.example.org/')).toEqual(['epic']);
  });

  it('reads no link to the page itself: the page address already says what it would', () => {
    const [found] = detect('<body><a href="#top">Back to top</a></body>', 'https://health.example.org/MyChart/visits');
    expect(found?.vendorId).toBe('epic');
    expect(found?.evidence.map((e) => e.kind)).toEqual(['portal']);
  });

  it('lets a "Powered by" credit vouch for an ambiguous name', () => {
    const [found] = detect('<body><p>Book online.</p><footer>Powered by Epic</footer></body>');
    expect(found?.vendorId).toBe('epic');
    expect(found?.evidence[0]).toEqual({ kind: 'footer', text: 'Powered by Epic' });
  });

  it('knows every kind of credit, in any case, and only as whole words', () => {
    const credit = (phrase: string) => detect(`<body><p>Book online.</p><footer>${phrase} Epic</footer></body>`)[0]?.evidence[0];
    for (const phrase of ['Hosted by', 'PROVIDED BY', 'Built by', 'Secured by', 'In partnership with']) {
      expect(credit(phrase), phrase).toEqual({ kind: 'footer', text: `${phrase} Epic` });
    }
    // "Empowered by" is not "powered by", and "by" must end a word: neither vouches for an ordinary word.
    for (const phrase of ['Empowered by', 'Hosted bypass', 'Jointly developedby']) expect(ids(`<body><footer>${phrase} Epic</footer></body>`), phrase).toEqual([]);
  });

  it('reads the title and image alt text', () => {
    const found = detect('<head><title>Optum news</title></head><body><img alt="CareCloud logo"></body>');
    expect(found.map((d) => [d.vendorId, d.evidence.map((e) => e.kind)])).toEqual([
      ['optum', ['title']],
      ['carecloud', ['image']],
    ]);
  });

  it('carries evidence snippets and the first mention', () => {
    const [found] = detect('<body><p>Regulators said the Change Healthcare breach affected millions.</p></body>');
    expect(found?.evidence[0]).toEqual({
      kind: 'text',
      text: 'Regulators said the Change Healthcare breach affected millions.',
    });
    expect(found?.mention).toBeDefined();
  });

  it('stays silent on a page full of look-alike words', () => {
    const trap = `<head><title>Weekend reading</title></head><body>
      <p>It was an epic journey. Epic views, epic food.</p>
      <p>Climate change and healthcare costs: how Climate Change Healthcare Costs add up.</p>
      <p>We walked the Greenway trail and saw a next-gen firewall demo.</p>
      <p>Everyone stood for the national anthem. Then we tuned the Oracle Database.</p></body>`;
    expect(ids(trap)).toEqual([]);
  });
});

describe('readPage on broken markup', () => {
  it('reads a page whose <base href> is not a valid address, resolving links against the page', () => {
    const found = detect('<head><base href="http://[broken"></head><body><a href="/MyChart/">Portal</a></body>', 'https://health.example.org/');
    expect(found.map((d) => d.vendorId)).toEqual(['epic']);
  });
});
