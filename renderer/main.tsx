/** Entry: picks the screen from the hash route and mounts it. */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { useRoute } from './app/route.ts';
import { ConsoleApp } from './console/ConsoleApp.tsx';
import { ProjectorApp } from './projector/ProjectorApp.tsx';
import { ReviewApp } from './review/ReviewApp.tsx';
import { WithheldApp } from './withheld/WithheldApp.tsx';
import { PlenoApp } from './pleno/PlenoApp.tsx';
import { ImportApp } from './import/ImportApp.tsx';
import './styles/base.css';

function App() {
  const route = useRoute();
  if (route === 'review') return <ReviewApp />;
  if (route === 'withheld') return <WithheldApp />;
  if (route === 'pleno') return <PlenoApp />;
  if (route === 'import') return <ImportApp />;
  return route === 'projector' ? <ProjectorApp /> : <ConsoleApp view={route === 'status' ? 'status' : 'wilayah'} />;
}

const root = document.getElementById('root');
if (!root) throw new Error('Pleno: elemen #root tidak ada di index.html');
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
