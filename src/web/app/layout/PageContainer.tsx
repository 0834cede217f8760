import type { ReactNode } from 'react';

/** Title, one line of explanation and the page's actions, like every page of the client. */
export function PageContainer({ title, description, extra, children }: { title: string; description?: ReactNode; extra?: ReactNode; children: ReactNode }) {
  return (
    <div className="zs-page">
      <div className="zs-page-header">
        <div>
          <h2>{title}</h2>
          {description && <p>{description}</p>}
        </div>
        {extra && <div>{extra}</div>}
      </div>
      {children}
    </div>
  );
}
