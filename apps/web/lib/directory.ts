// Colleagues for the endorser and sponsor pickers (GET /users/directory: active users'
// id and name; GET /users lists only self and reports to a non-admin).
import 'server-only';
import { api } from './api';

export interface Colleague {
  id: string;
  name: string;
}

/** Everyone active but `exceptId`, by name; empty when the directory cannot be read. */
export async function loadColleagues(exceptId: string): Promise<Colleague[]> {
  const res = await api<{ items: Colleague[] }>('/users/directory');
  return res.ok ? res.data.items.filter((u) => u.id !== exceptId) : [];
}
