// The saved conversations: the sidebar list (searched in main), files that could not be read,
// and the actions on one conversation (open, delete, export).
import { create } from 'zustand';
import type { AppError } from '../../shared/errors';
import type { ConversationSummary } from '../../shared/types';
import { api } from '../api/client';
import { setOnConversationSaved, useChatStore } from './chat-store';

interface ConversationsState {
  list: ConversationSummary[];
  problems: AppError[];
  query: string;
  loaded: boolean;
  error: AppError | null;
  load(): Promise<void>;
  setQuery(query: string): void;
  open(id: string): Promise<void>;
  remove(id: string): Promise<void>;
  /** Saves the open conversation first when it is the one exported, so the file has every turn. */
  exportAs(id: string, format: 'markdown' | 'json'): Promise<void>;
}

let latestLoad = 0;
let queryTimer: ReturnType<typeof setTimeout> | undefined;
const SEARCH_DELAY_MS = 200;

/** Offers text as a file download: Blob + object URL + <a download>, nothing leaves the machine. */
function download(filename: string, mediaType: string, content: string): void {
  const url = URL.createObjectURL(new Blob([content], { type: mediaType }));
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  link.style.display = 'none';
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export const useConversationsStore = create<ConversationsState>()((set, get) => ({
  list: [],
  problems: [],
  query: '',
  loaded: false,
  error: null,

  async load() {
    const ticket = ++latestLoad;
    const query = get().query.trim();
    const result = await api.conversations.list(query === '' ? undefined : query);
    if (ticket !== latestLoad) return;
    if (result.ok) set({ list: result.value.conversations, problems: result.value.problems, loaded: true, error: null });
    else set({ loaded: true, error: result.error });
  },

  setQuery(query) {
    set({ query });
    clearTimeout(queryTimer);
    queryTimer = setTimeout(() => void get().load(), SEARCH_DELAY_MS);
  },

  async open(id) {
    const chat = useChatStore.getState();
    if (chat.streamingId || chat.conversationId === id) return;
    useChatStore.setState({ opening: id });
    const result = await api.conversations.get(id);
    useChatStore.setState({ opening: null });
    if (result.ok) useChatStore.getState().open(result.value);
    else set({ error: result.error });
  },

  async remove(id) {
    const result = await api.conversations.delete(id);
    if (!result.ok) {
      set({ error: result.error });
      return;
    }
    if (useChatStore.getState().conversationId === id) useChatStore.getState().newConversation();
    await get().load();
  },

  async exportAs(id, format) {
    if (useChatStore.getState().conversationId === id && !(await useChatStore.getState().save())) return;
    const result = await api.conversations.export(id, format);
    if (!result.ok) {
      set({ error: result.error });
      return;
    }
    set({ error: null });
    download(result.value.filename, result.value.mediaType, result.value.content);
  },
}));

setOnConversationSaved(() => void useConversationsStore.getState().load());
