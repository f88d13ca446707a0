// <Figure src alt caption?>: an image with an optional caption, used by the book's MDX pages
// (`import Figure from '@site/src/components/Figure'`). `src` is site-absolute (e.g. /img/x.png)
// and is prefixed with the site's baseUrl.
import type { ReactNode } from 'react';
import useBaseUrl from '@docusaurus/useBaseUrl';

export interface FigureProps {
  src: string;
  alt: string;
  caption?: ReactNode;
  children?: ReactNode;
}

export default function Figure({ src, alt, caption, children }: FigureProps) {
  const url = useBaseUrl(src);
  const text = caption ?? children;
  return (
    <figure className="figure">
      <img src={url} alt={alt} loading="lazy" />
      {text ? <figcaption>{text}</figcaption> : null}
    </figure>
  );
}
