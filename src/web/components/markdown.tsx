import ReactMarkdown from 'react-markdown';
import remarkGfm from 'remark-gfm';

/** Renders curriculum Markdown safely: raw HTML in the source is never rendered. */
export function Markdown({ children }: { children: string }) {
  return (
    <div className="prose">
      <ReactMarkdown
        remarkPlugins={[remarkGfm]}
        components={{
          // A code block may scroll sideways: focusable, so a keyboard can scroll it too.
          pre: ({ children: block }) => <pre tabIndex={0}>{block}</pre>,
          code: ({ className, children: code }) => (
            <code className={className?.replace(/\s*runnable/, '')}>{code}</code>
          ),
        }}
      >
        {children.replace(/^```(\w+) runnable$/gm, '```$1')}
      </ReactMarkdown>
    </div>
  );
}
