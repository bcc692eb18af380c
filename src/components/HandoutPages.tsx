import type { HandoutPage } from './handoutPages';

/**
 * The printed handout's map pages (see handoutPages.ts): shown only in print. Each drawing is
 * an image of the exporter's SVG, so nothing in a map's text can run as code on the page.
 */
export function HandoutPages({ title, pages }: { title: string; pages: HandoutPage[] }) {
  return (
    <div className="cm-handout">
      {pages.map((page, i) => (
        <section
          key={i}
          className={`cm-handout__page cm-handout__page--${page.orientation}`}
          aria-label={page.heading}
        >
          {i === 0 && <h1 className="cm-handout__title">{title}</h1>}
          <h2 className="cm-handout__heading">{page.heading}</h2>
          <img
            src={`data:image/svg+xml;charset=utf-8,${encodeURIComponent(page.svg)}`}
            alt={`The map: ${page.heading}`}
          />
        </section>
      ))}
    </div>
  );
}
