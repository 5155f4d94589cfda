// Feedback as a manager wrote it: the text, then who and when.
import type { Feedback } from '../lib/types';
import { DateText } from './date-text';
import { Markdown } from './markdown';
import './feedback-list.css';

export function FeedbackList({ items }: { items: Feedback[] }) {
  return (
    <ul className="feedback-list">
      {items.map((f) => (
        <li key={f.id}>
          <blockquote>
            <Markdown text={f.body} />
          </blockquote>
          <p className="muted small">
            {f.author.name}, <DateText iso={f.createdAt} />
          </p>
        </li>
      ))}
    </ul>
  );
}
