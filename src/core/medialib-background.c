/* medialib-background.c — work that waits for the rest: a thread of its own at the lowest
 * priority
 *
 * Copyright 2026 The Media Library authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "medialib-store"

#include "config.h"

#include <errno.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "medialib-background.h"

/*
 * What a library needs once, after it was made by an earlier version (the palettes and
 * perceptual hashes of its images), runs beside the window for minutes on a large library.
 * On GLib's shared pool it would take a processor from the grid's scrolling and decoding as
 * an equal; on a thread of its own at nice 19 it takes what they leave. The thread's
 * priority is its own (Linux's nice is per thread) and goes with it, never handed on to
 * other work as a pool's thread would.
 */

int _medialib_background_last_nice = -100;

typedef struct
{
  GTask           *task;
  GTaskThreadFunc  func;
} Background;

static gpointer
background_thread (gpointer data)
{
  Background *background = data;
  GTask *task = background->task;

#ifdef SYS_gettid
  if (setpriority (PRIO_PROCESS, (id_t) syscall (SYS_gettid), MEDIALIB_BACKGROUND_NICE) != 0)
    g_debug ("Background work at the default priority: %s", g_strerror (errno));
  errno = 0;
  g_atomic_int_set (&_medialib_background_last_nice,
                    getpriority (PRIO_PROCESS, (id_t) syscall (SYS_gettid)));
#endif

  background->func (task, g_task_get_source_object (task), g_task_get_task_data (task),
                    g_task_get_cancellable (task));

  g_object_unref (task);
  g_free (background);
  return NULL;
}

/**
 * _medialib_task_run_in_background:
 * @name: the thread's name
 *
 * g_task_run_in_thread() on a thread of its own at nice %MEDIALIB_BACKGROUND_NICE. @func
 * returns the task's result as for g_task_run_in_thread(); the callback runs in the task's
 * context.
 */
void
_medialib_task_run_in_background (GTask           *task,
                                  GTaskThreadFunc  func,
                                  const char      *name)
{
  Background *background = g_new0 (Background, 1);

  g_return_if_fail (G_IS_TASK (task));
  g_return_if_fail (func != NULL);

  background->task = g_object_ref (task);
  background->func = func;
  g_thread_unref (g_thread_new (name, background_thread, background));
}
