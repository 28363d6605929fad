/** An SVG from the server (a QR code) as an image source: no markup is put into the page. */
export const svgDataUrl = (svg: string): string => `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
