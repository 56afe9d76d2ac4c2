/** What the browser shows when the host runs but the renderer was never built (a fresh checkout). */
export function missingRendererPage(rendererDir: string): string {
  return `<!doctype html>
<html lang="id">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Pleno: antarmuka belum dibangun</title>
</head>
<body>
<h1>Antarmuka Pleno belum dibangun</h1>
<p>Server Pleno berjalan, tetapi berkas antarmuka tidak ditemukan di <code>${escapeHtml(rendererDir)}</code>.</p>
<p>Bangun antarmukanya sekali dengan perintah berikut di folder proyek, lalu muat ulang halaman ini:</p>
<pre>npm run build:renderer</pre>
<p>API tetap tersedia di <code>/api/&lt;metode&gt;</code>.</p>
</body>
</html>
`;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
