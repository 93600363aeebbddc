/* The power cut itself, once unmounted: the backing folder rewritten to the durable state. */
#include "model.h"


static int remove_one(const char *path, const struct stat *st, int type, struct FTW *ftw) {
  (void)st; (void)type; (void)ftw;
  return remove(path);
}

static int remove_tree(const char *path) {
  struct stat st;
  if (lstat(path, &st) != 0) return 0;
  return nftw(path, remove_one, 16, FTW_DEPTH | FTW_PHYS);
}

static int copy_content(int from, int to) {
  char buf[65536];
  off_t at = 0;
  for (;;) {
    ssize_t r = pread(from, buf, sizeof buf, at);
    if (r < 0) return -1;
    if (r == 0) return 0;
    if (write(to, buf, (size_t)r) != r) return -1;
    at += r;
  }
}

/* Puts a file's content back to its last fsync. */
static int restore_content(struct node *n) {
  for (size_t b = 0; b < n->saved_len; b++) {
    if (!n->saved[b]) continue;
    off_t at = (off_t)b * BLOCK;
    size_t len = (size_t)(n->durable_size - at < BLOCK ? n->durable_size - at : BLOCK);
    if (pwrite(n->fd, n->saved[b], len, at) != (ssize_t)len) return -1;
  }
  return ftruncate(n->fd, n->durable_size);
}

static int undone_entries;

/* Recreates directory `dir` (durable entries only) under dirfd, which is at `where`. */
static int rebuild(struct node *dir, int dirfd, const char *where) {
  for (size_t i = 0; i < dir->n_entries; i++) {
    struct entry *e = &dir->entries[i];
    struct node *n = e->node;
    char at[PATH_MAX];
    snprintf(at, sizeof at, "%s/%s", where, e->name);
    struct stat st;
    if (fstat(n->fd, &st) != 0) return -1;
    if (n->is_dir) {
      if (mkdirat(dirfd, e->name, st.st_mode & 07777) != 0) return -1;
      int cfd = openat(dirfd, e->name, O_RDONLY | O_DIRECTORY);
      if (cfd < 0 || rebuild(n, cfd, at) != 0) return -1;
      close(cfd);
    } else if (n->restored_at) {
      if (linkat(AT_FDCWD, n->restored_at, dirfd, e->name, 0) != 0) return -1;
    } else {
      char proc[64];
      snprintf(proc, sizeof proc, "/proc/self/fd/%d", n->fd);
      if (st.st_nlink == 0 || linkat(AT_FDCWD, proc, dirfd, e->name, AT_SYMLINK_FOLLOW) != 0) {
        /* removed since its last durable name: copy it back */
        int out = openat(dirfd, e->name, O_WRONLY | O_CREAT | O_EXCL, st.st_mode & 07777);
        if (out < 0 || copy_content(n->fd, out) != 0) return -1;
        close(out);
      }
      n->restored_at = strdup(at);
    }
  }
  return 0;
}

/* Counts live entries that the cut undoes (created, renamed or linked since the last directory fsync). */
static void count_undone(struct node *dir) {
  int fd = dup(dir->fd);
  lseek(fd, 0, SEEK_SET);
  DIR *d = fdopendir(fd);
  if (!d) return;
  rewinddir(d);
  struct dirent *e;
  while ((e = readdir(d))) {
    if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, "..")) continue;
    int kept = 0;
    for (size_t i = 0; i < dir->n_entries; i++)
      if (!strcmp(dir->entries[i].name, e->d_name)) kept = 1;
    if (!kept) undone_entries++;
  }
  closedir(d);
}

int restore(void) {
  int dirty = 0;
  for (size_t i = 0; i < n_nodes; i++) {
    struct node *n = nodes[i];
    if (n->is_dir) {
      count_undone(n);
      continue;
    }
    if (!n->dirty) continue;
    dirty++;
    struct stat st;
    fstat(n->fd, &st);
    const char *name = "(no durable name)";
    for (size_t j = 0; j < n_nodes; j++)
      for (size_t k = 0; k < nodes[j]->n_entries; k++)
        if (nodes[j]->entries[k].node == n) name = nodes[j]->entries[k].name;
    printf("DIRTY %s %lld %lld\n", name, (long long)n->durable_size, (long long)st.st_size);
    if (restore_content(n) != 0) return -1;
  }
  char fresh[PATH_MAX], old[PATH_MAX];
  snprintf(fresh, sizeof fresh, "%s.powercut-restore", backing_path);
  snprintf(old, sizeof old, "%s.powercut-old", backing_path);
  remove_tree(fresh);
  remove_tree(old);
  struct stat st;
  fstat(root_node->fd, &st);
  if (mkdir(fresh, st.st_mode & 07777) != 0) return -1;
  int fd = open(fresh, O_RDONLY | O_DIRECTORY);
  if (fd < 0 || rebuild(root_node, fd, fresh) != 0) return -1;
  close(fd);
  if (rename(backing_path, old) != 0 || rename(fresh, backing_path) != 0) return -1;
  if (remove_tree(old) != 0) return -1;
  printf("RESTORED nodes=%zu dirty=%d undone-entries=%d\n", n_nodes, dirty, undone_entries);
  fflush(stdout);
  return 0;
}

