import type { Metadata } from "next";
import type { ReactNode } from "react";
import Link from "next/link";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Upstream Census", template: "%s · Upstream Census" },
  description: "Where an open-source community's contributors also contribute.",
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>
        <a className="skip-link" href="#main">
          Skip to content
        </a>
        <header className="site-header">
          <Link className="brand" href="/">
            Upstream Census
          </Link>
          <nav aria-label="Main">
            <Link href="/">Survey</Link>
            <Link href="/results">Results</Link>
            <Link href="/admin">Organisers</Link>
          </nav>
        </header>
        <main id="main">{children}</main>
      </body>
    </html>
  );
}
