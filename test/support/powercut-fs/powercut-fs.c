/*
 * powercut-fs: a FUSE pass-through file system that can simulate a power cut.
 *
 * It mirrors a backing folder and remembers what a disk with a volatile write cache
 * could still lose:
 *   - per regular file, the bytes overwritten or truncated away since its last
 *     fsync/fdatasync (an undo log of 4 KiB blocks, saved on first change) and its size
 *     at that fsync;
 *   - per directory, the entry list as of its last fsync (or as found at mount).
 * On SIGUSR1, after the N-th mutating operation (-o cut_after_ops=N), or after the
 * N-th write to a file of a given name (-o cut_on_write=NAME:N), the power is cut: every later operation fails with EIO. When the file system is then unmounted,
 * the backing folder is rewritten to the durable state (every file's content put back
 * to its last fsync, every directory's entries put back to its last fsync) and a report
 * is printed, so the folder can be mounted again and reopened as after a reboot.
 *
 * Scope (enough for SQLite and the kiosk store): regular files and directories, no
 * symlinks or special files; metadata (mode, times) is treated as durable at once;
 * one request at a time (run with -s); the backing folder itself is never fsynced
 * (it is test scratch: the simulated disk is this process's model, not the real one).
 *
 * Output on stdout, one line each: "MOUNTED", "CUT <ops>", then after unmount
 * "DIRTY <path> <kept-size> <live-size>" for each file that lost writes and
 * "RESTORED nodes=<n> dirty=<m> undone-entries=<k>".
 */
#define FUSE_USE_VERSION 31
#define _GNU_SOURCE
#include <fuse.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <limits.h>
#include <signal.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <sys/syscall.h>
#include <unistd.h>

#define BLOCK 4096

struct node;
struct entry {
  char *name;
  struct node *node;
};

/* A file or directory of the backing folder, pinned by an open descriptor so its inode
 * number is never reused while the model still refers to it. */
struct node {
  ino_t ino;
  int fd;
  int is_dir;
  /* files: size at the last fsync, and the original bytes of blocks changed since */
  off_t durable_size;
  unsigned char **saved;
  size_t saved_len;
  int dirty;
  /* directories: entries as of the last fsync */
  struct entry *entries;
  size_t n_entries;
  /* during the restore: where the node was put back (relative to the new folder) */
  char *restored_at;
};

struct open_file {
  int fd;
  struct node *node;
};

static char *backing_path;
static int backing_fd = -1;
static struct node **nodes;
static size_t n_nodes;
static struct node *root_node;
static volatile sig_atomic_t cut;
static long ops_done;
static long cut_after_ops = -1;
static char *cut_on_write_name;
static long cut_on_write_nth = -1;
static long writes_to_named;

static void announce(const char *line) {
  ssize_t ignored = write(STDOUT_FILENO, line, strlen(line));
  (void)ignored;
}

static void on_cut_signal(int sig) {
  (void)sig;
  if (!cut) {
    cut = 1;
    announce("CUT signal\n");
  }
}

/* Counts a mutating operation; the N-th one is the last to reach the disk. */
static int refused(void) { return cut; }
static void cut_now(void) {
  if (cut) return;
  cut = 1;
  char line[64];
  snprintf(line, sizeof line, "CUT %ld\n", ops_done);
  announce(line);
}
static void count_op(void) {
  ops_done++;
  if (cut_after_ops >= 0 && ops_done >= cut_after_ops) cut_now();
}
static void count_write(const char *path) {
  const char *base = path ? strrchr(path, '/') : NULL;
  if (cut_on_write_name && base && !strcmp(base + 1, cut_on_write_name) && ++writes_to_named >= cut_on_write_nth) cut_now();
  count_op();
}

static const char *rel(const char *path) { return path[1] ? path + 1 : "."; }

static struct node *find_node(ino_t ino) {
  for (size_t i = 0; i < n_nodes; i++)
    if (nodes[i]->ino == ino) return nodes[i];
  return NULL;
}

/* Takes ownership of fd. A new file starts with durable size `durable_size`. */
static struct node *add_node(int fd, int is_dir, off_t durable_size) {
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

static struct node *node_at(const char *path) {
  struct stat st;
  if (fstatat(backing_fd, rel(path), &st, AT_SYMLINK_NOFOLLOW) != 0) return NULL;
  return find_node(st.st_ino);
}

static void free_entries(struct node *n) {
  for (size_t i = 0; i < n->n_entries; i++) free(n->entries[i].name);
  free(n->entries);
  n->entries = NULL;
  n->n_entries = 0;
}

static void forget_saved(struct node *n) {
  for (size_t i = 0; i < n->saved_len; i++) free(n->saved[i]);
  free(n->saved);
  n->saved = NULL;
  n->saved_len = 0;
  n->dirty = 0;
}

/* Before bytes [from, to) change: keep the durable bytes of every block not kept yet. */
static int save_range(struct node *n, off_t from, off_t to) {
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
static int make_durable(struct node *n) {
  struct stat st;
  if (fstat(n->fd, &st) != 0) return -errno;
  forget_saved(n);
  n->durable_size = st.st_size;
  return 0;
}

/* fsync of a directory: its entries as they are now survive. */
static int snapshot_entries(struct node *dir) {
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
static void scan(struct node *dir) {
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
static void collect(void) {
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

/* ------------------------------------------------------------------ operations */

static void *pc_init(struct fuse_conn_info *conn, struct fuse_config *cfg) {
  conn->want &= ~FUSE_CAP_WRITEBACK_CACHE; /* every write reaches us at once */
  cfg->use_ino = 1;
  cfg->direct_io = 0;   /* page cache on: mmap (SQLite's -shm) works */
  cfg->kernel_cache = 0;
  announce("MOUNTED\n");
  return NULL;
}

static int pc_getattr(const char *path, struct stat *st, struct fuse_file_info *fi) {
  if (refused()) return -EIO;
  int r = fi ? fstat(((struct open_file *)(uintptr_t)fi->fh)->fd, st) : fstatat(backing_fd, rel(path), st, AT_SYMLINK_NOFOLLOW);
  return r == 0 ? 0 : -errno;
}

static int pc_access(const char *path, int mask) {
  if (refused()) return -EIO;
  return faccessat(backing_fd, rel(path), mask, 0) == 0 ? 0 : -errno;
}

static int pc_opendir(const char *path, struct fuse_file_info *fi) {
  if (refused()) return -EIO;
  int fd = openat(backing_fd, rel(path), O_RDONLY | O_DIRECTORY);
  if (fd < 0) return -errno;
  DIR *d = fdopendir(fd);
  if (!d) {
    close(fd);
    return -errno;
  }
  fi->fh = (uintptr_t)d;
  return 0;
}

static int pc_readdir(const char *path, void *buf, fuse_fill_dir_t fill, off_t offset, struct fuse_file_info *fi,
                      enum fuse_readdir_flags flags) {
  (void)path; (void)offset; (void)flags;
  if (refused()) return -EIO;
  DIR *d = (DIR *)(uintptr_t)fi->fh;
  rewinddir(d);
  struct dirent *e;
  while ((e = readdir(d)))
    if (fill(buf, e->d_name, NULL, 0, 0)) break;
  return 0;
}

static int pc_releasedir(const char *path, struct fuse_file_info *fi) {
  (void)path;
  closedir((DIR *)(uintptr_t)fi->fh);
  return 0;
}

static int pc_fsyncdir(const char *path, int datasync, struct fuse_file_info *fi) {
  (void)datasync; (void)fi;
  if (refused()) return -EIO;
  struct node *dir = node_at(path);
  if (!dir || !dir->is_dir) return -EIO;
  int r = snapshot_entries(dir);
  collect();
  count_op();
  return r;
}

static int pc_mkdir(const char *path, mode_t mode) {
  if (refused()) return -EIO;
  if (mkdirat(backing_fd, rel(path), mode) != 0) return -errno;
  int fd = openat(backing_fd, rel(path), O_RDONLY | O_DIRECTORY);
  if (fd < 0) return -errno;
  add_node(fd, 1, 0);
  count_op();
  return 0;
}

static int pc_rmdir(const char *path) {
  if (refused()) return -EIO;
  if (unlinkat(backing_fd, rel(path), AT_REMOVEDIR) != 0) return -errno;
  collect();
  count_op();
  return 0;
}

static int pc_unlink(const char *path) {
  if (refused()) return -EIO;
  if (unlinkat(backing_fd, rel(path), 0) != 0) return -errno;
  collect();
  count_op();
  return 0;
}

static int pc_rename(const char *from, const char *to, unsigned int flags) {
  if (refused()) return -EIO;
  if (syscall(SYS_renameat2, backing_fd, rel(from), backing_fd, rel(to), flags) != 0) return -errno;
  collect();
  count_op();
  return 0;
}

static int pc_link(const char *from, const char *to) {
  if (refused()) return -EIO;
  if (linkat(backing_fd, rel(from), backing_fd, rel(to), 0) != 0) return -errno;
  count_op();
  return 0;
}

static int pc_symlink(const char *target, const char *path) {
  (void)target; (void)path;
  return -EPERM; /* not modelled */
}

static int pc_chmod(const char *path, mode_t mode, struct fuse_file_info *fi) {
  if (refused()) return -EIO;
  int r = fi ? fchmod(((struct open_file *)(uintptr_t)fi->fh)->fd, mode) : fchmodat(backing_fd, rel(path), mode, 0);
  return r == 0 ? 0 : -errno;
}

static int pc_chown(const char *path, uid_t uid, gid_t gid, struct fuse_file_info *fi) {
  if (refused()) return -EIO;
  int r = fi ? fchown(((struct open_file *)(uintptr_t)fi->fh)->fd, uid, gid)
             : fchownat(backing_fd, rel(path), uid, gid, AT_SYMLINK_NOFOLLOW);
  return r == 0 ? 0 : -errno;
}

static int pc_utimens(const char *path, const struct timespec tv[2], struct fuse_file_info *fi) {
  if (refused()) return -EIO;
  int r = fi ? futimens(((struct open_file *)(uintptr_t)fi->fh)->fd, tv) : utimensat(backing_fd, rel(path), tv, AT_SYMLINK_NOFOLLOW);
  return r == 0 ? 0 : -errno;
}

static int track_truncate(struct node *n, off_t size) {
  if (!n) return -EIO;
  int r = save_range(n, size, n->durable_size);
  if (r) return r;
  return ftruncate(n->fd, size) == 0 ? 0 : -errno;
}

static int pc_truncate(const char *path, off_t size, struct fuse_file_info *fi) {
  if (refused()) return -EIO;
  struct node *n = fi ? ((struct open_file *)(uintptr_t)fi->fh)->node : node_at(path);
  int r = track_truncate(n, size);
  count_op();
  return r;
}

static int open_tracked(const char *path, int flags, mode_t mode, struct fuse_file_info *fi, int creating) {
  struct stat before;
  int existed = fstatat(backing_fd, rel(path), &before, AT_SYMLINK_NOFOLLOW) == 0;
  int fd = openat(backing_fd, rel(path), (flags & ~O_TRUNC) | (creating ? O_CREAT : 0), mode);
  if (fd < 0) return -errno;
  struct node *n;
  if (existed) {
    n = find_node(before.st_ino);
  } else {
    int pin = openat(backing_fd, rel(path), O_RDWR);
    n = pin < 0 ? NULL : add_node(pin, 0, 0); /* a new inode: nothing of it is durable yet */
    count_op();
  }
  if (!n) {
    close(fd);
    return -EIO;
  }
  if (existed && (flags & O_TRUNC) && (flags & O_ACCMODE) != O_RDONLY) {
    int r = track_truncate(n, 0);
    if (r) {
      close(fd);
      return r;
    }
    count_op();
  }
  struct open_file *of = malloc(sizeof *of);
  of->fd = fd;
  of->node = n;
  fi->fh = (uintptr_t)of;
  fi->direct_io = 0;
  fi->keep_cache = 0;
  return 0;
}

static int pc_create(const char *path, mode_t mode, struct fuse_file_info *fi) {
  if (refused()) return -EIO;
  return open_tracked(path, fi->flags, mode, fi, 1);
}

static int pc_open(const char *path, struct fuse_file_info *fi) {
  if (refused()) return -EIO;
  return open_tracked(path, fi->flags, 0, fi, 0);
}

static int pc_read(const char *path, char *buf, size_t size, off_t off, struct fuse_file_info *fi) {
  (void)path;
  if (refused()) return -EIO;
  ssize_t r = pread(((struct open_file *)(uintptr_t)fi->fh)->fd, buf, size, off);
  return r < 0 ? -errno : (int)r;
}

static int pc_write(const char *path, const char *buf, size_t size, off_t off, struct fuse_file_info *fi) {
  if (refused()) return -EIO;
  struct open_file *of = (struct open_file *)(uintptr_t)fi->fh;
  int r = save_range(of->node, off, off + (off_t)size);
  if (r) return r;
  ssize_t w = pwrite(of->fd, buf, size, off);
  count_write(path);
  return w < 0 ? -errno : (int)w;
}

static int pc_fsync(const char *path, int datasync, struct fuse_file_info *fi) {
  (void)path; (void)datasync;
  if (refused()) return -EIO;
  int r = make_durable(((struct open_file *)(uintptr_t)fi->fh)->node);
  count_op();
  return r;
}

static int pc_flush(const char *path, struct fuse_file_info *fi) {
  (void)path; (void)fi;
  return 0;
}

static int pc_release(const char *path, struct fuse_file_info *fi) {
  (void)path;
  struct open_file *of = (struct open_file *)(uintptr_t)fi->fh;
  close(of->fd);
  free(of);
  return 0;
}

static int pc_statfs(const char *path, struct statvfs *st) {
  (void)path;
  if (refused()) return -EIO;
  return fstatvfs(backing_fd, st) == 0 ? 0 : -errno;
}

static int pc_fallocate(const char *path, int mode, off_t off, off_t len, struct fuse_file_info *fi) {
  (void)path; (void)mode; (void)off; (void)len; (void)fi;
  return -EOPNOTSUPP; /* not modelled; callers fall back to writes */
}

static const struct fuse_operations ops = {
  .init = pc_init,
  .getattr = pc_getattr,
  .access = pc_access,
  .opendir = pc_opendir,
  .readdir = pc_readdir,
  .releasedir = pc_releasedir,
  .fsyncdir = pc_fsyncdir,
  .mkdir = pc_mkdir,
  .rmdir = pc_rmdir,
  .unlink = pc_unlink,
  .rename = pc_rename,
  .link = pc_link,
  .symlink = pc_symlink,
  .chmod = pc_chmod,
  .chown = pc_chown,
  .utimens = pc_utimens,
  .truncate = pc_truncate,
  .create = pc_create,
  .open = pc_open,
  .read = pc_read,
  .write = pc_write,
  .fsync = pc_fsync,
  .flush = pc_flush,
  .release = pc_release,
  .statfs = pc_statfs,
  .fallocate = pc_fallocate,
};

/* ------------------------------------------------------------------ the restore */

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

static int restore(void) {
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

/* usage: powercut-fs <backing-dir> <mountpoint> [-o cut_after_ops=N] [-o cut_on_write=NAME:N] [fuse options] */
int main(int argc, char *argv[]) {
  if (argc < 3) {
    fprintf(stderr, "usage: %s <backing-dir> <mountpoint> [-o cut_after_ops=N] [-o cut_on_write=NAME:N] [fuse options]\n", argv[0]);
    return 2;
  }
  backing_path = realpath(argv[1], NULL);
  if (!backing_path || (backing_fd = open(backing_path, O_RDONLY | O_DIRECTORY)) < 0) {
    fprintf(stderr, "powercut-fs: backing folder %s: %s\n", argv[1], strerror(errno));
    return 2;
  }
  char *fargv[16];
  int fargc = 0;
  fargv[fargc++] = argv[0];
  for (int i = 2; i < argc && fargc < 12; i++) {
    if (!strcmp(argv[i], "-o") && i + 1 < argc && !strncmp(argv[i + 1], "cut_after_ops=", 14)) {
      cut_after_ops = atol(argv[++i] + 14);
      continue;
    }
    if (!strcmp(argv[i], "-o") && i + 1 < argc && !strncmp(argv[i + 1], "cut_on_write=", 13)) {
      char *spec = strdup(argv[++i] + 13), *colon = strrchr(spec, ':');
      if (!colon) {
        fprintf(stderr, "powercut-fs: cut_on_write=NAME:N expected, got %s\n", spec);
        return 2;
      }
      *colon = 0;
      cut_on_write_name = spec;
      cut_on_write_nth = atol(colon + 1);
      continue;
    }
    fargv[fargc++] = argv[i];
  }
  fargv[fargc++] = "-f";
  fargv[fargc++] = "-s";
  fargv[fargc] = NULL;

  root_node = add_node(dup(backing_fd), 1, 0);
  scan(root_node);

  struct sigaction sa;
  memset(&sa, 0, sizeof sa);
  sa.sa_handler = on_cut_signal;
  sa.sa_flags = SA_RESTART;
  sigaction(SIGUSR1, &sa, NULL);
  setvbuf(stdout, NULL, _IOLBF, 0);

  int r = fuse_main(fargc, fargv, &ops, NULL);
  if (r != 0) return r;
  if (cut && restore() != 0) {
    fprintf(stderr, "powercut-fs: restore of %s failed: %s\n", backing_path, strerror(errno));
    return 3;
  }
  return 0;
}
