import JSZip from 'jszip';

/** The plain text of a .docx (body, headers, footers), as a reader would see it. */
export async function docxText(bytes: Buffer): Promise<string> {
  const zip = await JSZip.loadAsync(bytes);
  const parts = Object.keys(zip.files).filter((name) =>
    /^word\/(document|header\d*|footer\d*)\.xml$/.test(name),
  );
  const texts = await Promise.all(parts.map((name) => zip.file(name)!.async('string')));
  return texts
    .join('\n')
    .replace(/<\/w:p>/g, '\n')
    .replace(/<[^>]+>/g, '')
    .replace(/&amp;/g, '&');
}
