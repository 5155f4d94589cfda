import type { ReactNode } from 'react';
import './table-head.css';

/** A table's column headings, in order; `children` add heading cells after them. */
export function TableHead({ columns, children }: { columns: string[]; children?: ReactNode }) {
  return (
    <thead>
      <tr>
        {columns.map((column) => (
          <th key={column} scope="col">
            {column}
          </th>
        ))}
        {children}
      </tr>
    </thead>
  );
}
