import JSZip from 'jszip';

/**
 * The plain text of a .docx (body, headers and footers), paragraphs on their own lines: what a
 * reader of the document would see, for checks such as "no sealed value is printed".
 */
export async function docxText(bytes: Uint8Array): Promise<string> {
  const zip = await JSZip.loadAsync(bytes);
  const parts = Object.keys(zip.files)
    .filter((n) => /^word\/(document|header\d*|footer\d*|footnotes|endnotes)\.xml$/.test(n))
    .sort();
  const texts: string[] = [];
  for (const name of parts) {
    const xml = await zip.file(name)!.async('string');
    texts.push(
      xml
        .replace(/<\/w:p>/g, '\n')
        .replace(/<w:tab\/>/g, '\t')
        .replace(/<[^>]+>/g, '')
        .replace(/&lt;/g, '<')
        .replace(/&gt;/g, '>')
        .replace(/&quot;/g, '"')
        .replace(/&apos;/g, "'")
        .replace(/&amp;/g, '&'),
    );
  }
  return texts.join('\n');
}
