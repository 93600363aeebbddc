/* powercut-fs's model of what is durable: see powercut-fs.c and README.md. */
#ifndef POWERCUT_MODEL_H
#define POWERCUT_MODEL_H
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

extern char *backing_path;
extern int backing_fd;
extern struct node **nodes;
extern size_t n_nodes;
extern struct node *root_node;

static inline const char *rel(const char *path) { return path[1] ? path + 1 : "."; }

struct node *find_node(ino_t ino);
/* Takes ownership of fd. A new file starts with durable size `durable_size`. */
struct node *add_node(int fd, int is_dir, off_t durable_size);
struct node *node_at(const char *path);
void free_entries(struct node *n);
void forget_saved(struct node *n);
/* Before bytes [from, to) change: keep the durable bytes of every block not kept yet. */
int save_range(struct node *n, off_t from, off_t to);
/* fsync of a file: what it holds now is what survives. */
int make_durable(struct node *n);
/* fsync of a directory: its entries as they are now survive. */
int snapshot_entries(struct node *dir);
/* At mount: everything found is durable. */
void scan(struct node *dir);
/* Drops nodes that have no name, live or durable, any more. */
void collect(void);
/* After the cut, unmounted: rewrites the backing folder to the durable state and reports. */
int restore(void);

#endif
