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
#include "model.h"
#include <signal.h>
#include <sys/syscall.h>

struct open_file {
  int fd;
  struct node *node;
};

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
