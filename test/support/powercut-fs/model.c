/* The durable state of the backing folder as a disk with a volatile cache would keep it:
 * per file an undo log since its last fsync, per directory its entries at its last fsync. */
#include "model.h"

char *backing_path;
int backing_fd = -1;
struct node **nodes;
size_t n_nodes;
struct node *root_node;

struct node *find_node(ino_t ino) {
  for (size_t i = 0; i < n_nodes; i++)
    if (nodes[i]->ino == ino) return nodes[i];
  return NULL;
}

/* Takes ownership of fd. A new file starts with durable size `durable_size`. */
struct node *add_node(int fd, int is_dir, off_t durable_size) {
  struct stat st;
  if (fstat(fd, &st) != 0) {
    close(fd);
    return NULL;
  }
  struct node *existing = find_node(st.st_ino);
  if (existing) {
    close(fd);
    return existing;
  }
  struct node *n = calloc(1, sizeof *n);
  n->ino = st.st_ino;
  n->fd = fd;
  n->is_dir = is_dir;
  n->durable_size = durable_size;
  nodes = realloc(nodes, (n_nodes + 1) * sizeof *nodes);
  nodes[n_nodes++] = n;
  return n;
}

struct node *node_at(const char *path) {
  struct stat st;
  if (fstatat(backing_fd, rel(path), &st, AT_SYMLINK_NOFOLLOW) != 0) return NULL;
  return find_node(st.st_ino);
}

void free_entries(struct node *n) {
  for (size_t i = 0; i < n->n_entries; i++) free(n->entries[i].name);
  free(n->entries);
  n->entries = NULL;
  n->n_entries = 0;
}

void forget_saved(struct node *n) {
  for (size_t i = 0; i < n->saved_len; i++) free(n->saved[i]);
  free(n->saved);
  n->saved = NULL;
  n->saved_len = 0;
  n->dirty = 0;
}

/* Before bytes [from, to) change: keep the durable bytes of every block not kept yet. */
int save_range(struct node *n, off_t from, off_t to) {
  n->dirty = 1;
  if (to > n->durable_size) to = n->durable_size;
  if (from >= to) return 0;
  size_t first = (size_t)(from / BLOCK), last = (size_t)((to - 1) / BLOCK);
  if (last >= n->saved_len) {
    size_t len = last + 1;
    n->saved = realloc(n->saved, len * sizeof *n->saved);
    memset(n->saved + n->saved_len, 0, (len - n->saved_len) * sizeof *n->saved);
    n->saved_len = len;
  }
  for (size_t b = first; b <= last; b++) {
    if (n->saved[b]) continue;
    unsigned char *block = calloc(1, BLOCK);
    off_t at = (off_t)b * BLOCK;
    size_t want = (size_t)(n->durable_size - at < BLOCK ? n->durable_size - at : BLOCK);
    if (pread(n->fd, block, want, at) != (ssize_t)want) {
      free(block);
      return -EIO;
    }
    n->saved[b] = block;
  }
  return 0;
}

/* fsync of a file: what it holds now is what survives. */
int make_durable(struct node *n) {
  struct stat st;
  if (fstat(n->fd, &st) != 0) return -errno;
  forget_saved(n);
  n->durable_size = st.st_size;
  return 0;
}

/* fsync of a directory: its entries as they are now survive. */
int snapshot_entries(struct node *dir) {
  int fd = dup(dir->fd);
  if (fd < 0) return -errno;
  lseek(fd, 0, SEEK_SET);
  DIR *d = fdopendir(fd);
  if (!d) {
    close(fd);
    return -errno;
  }
  rewinddir(d);
  free_entries(dir);
  struct dirent *e;
  while ((e = readdir(d))) {
    if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, "..")) continue;
    struct stat st;
    if (fstatat(dir->fd, e->d_name, &st, AT_SYMLINK_NOFOLLOW) != 0) continue;
    struct node *child = find_node(st.st_ino);
    if (!child) {
      fprintf(stderr, "powercut-fs: untracked entry %s (not a regular file or directory?)\n", e->d_name);
      continue;
    }
    dir->entries = realloc(dir->entries, (dir->n_entries + 1) * sizeof *dir->entries);
    dir->entries[dir->n_entries].name = strdup(e->d_name);
    dir->entries[dir->n_entries].node = child;
    dir->n_entries++;
  }
  closedir(d);
  return 0;
}

/* At mount: everything found is durable. */
void scan(struct node *dir) {
  int fd = dup(dir->fd);
  DIR *d = fdopendir(fd);
  if (!d) return;
  struct dirent *e;
  while ((e = readdir(d))) {
    if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, "..")) continue;
    struct stat st;
    if (fstatat(dir->fd, e->d_name, &st, AT_SYMLINK_NOFOLLOW) != 0) continue;
    if (S_ISDIR(st.st_mode)) {
      int cfd = openat(dir->fd, e->d_name, O_RDONLY | O_DIRECTORY);
      if (cfd < 0) continue;
      struct node *child = add_node(cfd, 1, 0);
      if (child && !child->entries) scan(child);
    } else if (S_ISREG(st.st_mode)) {
      int cfd = openat(dir->fd, e->d_name, O_RDWR);
      if (cfd >= 0) add_node(cfd, 0, st.st_size);
    }
  }
  closedir(d);
  snapshot_entries(dir);
}

static int is_referenced(struct node *n) {
  for (size_t i = 0; i < n_nodes; i++)
    for (size_t j = 0; j < nodes[i]->n_entries; j++)
      if (nodes[i]->entries[j].node == n) return 1;
  return 0;
}

/* Drops nodes that have no name, live or durable, any more. */
void collect(void) {
  for (size_t i = 0; i < n_nodes;) {
    struct node *n = nodes[i];
    struct stat st;
    if (n != root_node && fstat(n->fd, &st) == 0 && st.st_nlink == 0 && !is_referenced(n)) {
      close(n->fd);
      forget_saved(n);
      free_entries(n);
      free(n);
      nodes[i] = nodes[--n_nodes];
      i = 0; /* a freed directory may have held the last reference to another node */
      continue;
    }
    i++;
  }
}
