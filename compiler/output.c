/* Writing an output file as a whole or not at all: produced under a
 * temporary name beside it, then renamed; the directories made for it
 * are removed again when it fails, so a failure leaves nothing. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "compiler.h"

/* mkdir -p for the directory part of `path`; 0, or -1 with a message.
 * *created is the length of the shallowest directory it made, or 0. */
static int make_parents(const char *path, size_t *created)
{
    *created = 0;
    char *dir = strdup(path);
    if (!dir)
        return -1;
    char *slash = strrchr(dir, '/');
    int rc = 0;
    if (slash && slash != dir) {
        *slash = '\0';
        for (char *p = dir + 1; rc == 0; p++) {
            if (*p != '/' && *p != '\0')
                continue;
            char c = *p;
            *p = '\0';
            struct stat st;
            if (mkdir(dir, 0777) == 0) {
                if (!*created)
                    *created = strlen(dir);
            } else if (errno != EEXIST)
                rc = -1;
            else if (stat(dir, &st) < 0 || !S_ISDIR(st.st_mode))
                rc = -1, errno = ENOTDIR;
            if (rc < 0)
                fprintf(stderr, "pyaot: cannot create directory %s: %s\n",
                        dir, strerror(errno));
            *p = c;
            if (c == '\0')
                break;
        }
    }
    free(dir);
    return rc;
}

/* Removes the directories make_parents made for `path`, deepest first, as
 * far as they are empty: a failed module leaves no empty tree behind. */
static void remove_parents(const char *path, size_t created)
{
    char *dir = strdup(path);
    char *slash;
    while (dir && created && (slash = strrchr(dir, '/')) &&
           (size_t)(slash - dir) >= created) {
        *slash = '\0';
        if (rmdir(dir) < 0)
            break;
    }
    free(dir);
}

int pa_write_atomically(const char *path, bool make_dirs,
                        int (*produce)(void *ctx, const char *tmp), void *ctx)
{
    size_t n = strlen(path) + 32;
    char *tmp = malloc(n);
    if (!tmp)
        return -1;
    size_t created = 0;
    if (make_dirs && make_parents(path, &created) < 0) {
        remove_parents(path, created);
        free(tmp);
        return -1;
    }
    snprintf(tmp, n, "%s.tmp%ld", path, (long)getpid());
    /* Check the directory is writable before spending time in gcc. */
    FILE *probe = fopen(tmp, "wb");
    if (!probe) {
        fprintf(stderr, "pyaot: cannot write %s: %s\n", path, strerror(errno));
        remove_parents(path, created);
        free(tmp);
        return -1;
    }
    fclose(probe);
    int rc = produce(ctx, tmp);
    if (rc == 0 && rename(tmp, path) < 0) {
        fprintf(stderr, "pyaot: cannot write %s: %s\n", path, strerror(errno));
        rc = -1;
    }
    if (rc < 0) {
        unlink(tmp);
        remove_parents(path, created);
    }
    free(tmp);
    return rc;
}
