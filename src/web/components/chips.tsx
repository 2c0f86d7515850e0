import { Link } from 'react-router-dom';
import type { LevelId } from '../../shared/ids.js';
import { LEVEL_LABELS } from '../labels.js';

export function LevelChips({ levels }: { levels: LevelId[] }) {
  return (
    <ul className="chips" aria-label="Levels">
      {levels.map((level) => (
        <li key={level} className={`chip level-${level}`}>
          {LEVEL_LABELS[level]}
        </li>
      ))}
    </ul>
  );
}

export function TagChips({ tags }: { tags: string[] }) {
  return (
    <ul className="chips" aria-label="Tags">
      {tags.map((tag) => (
        <li key={tag}>
          <Link className="chip tag" to={`/questions?tag=${encodeURIComponent(tag)}`}>
            #{tag}
          </Link>
        </li>
      ))}
    </ul>
  );
}
