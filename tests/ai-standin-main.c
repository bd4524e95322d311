/* ai-standin-main.c — the stand-in image server as a program
 *
 * Copyright 2026 The Media Library authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Prints its base URL (http://127.0.0.1:PORT/v1) on the first line of stdout, then serves
 * until its standard input closes or it gets SIGTERM or SIGINT. With STANDIN_KEY set it
 * requires that API key. GET /stats tells how many requests broke the contract.
 */

#include "config.h"

#include <glib-unix.h>
#include <stdio.h>

#include "ai-standin.h"

static gboolean
on_quit_cb (gpointer data)
{
  g_main_loop_quit (data);
  return G_SOURCE_REMOVE;
}

static gboolean
on_stdin_cb (gint         fd,
             GIOCondition condition,
             gpointer     data)
{
  char buffer[64];

  if (read (fd, buffer, sizeof buffer) <= 0)
    {
      g_main_loop_quit (data);
      return G_SOURCE_REMOVE;
    }

  return G_SOURCE_CONTINUE;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  AiStandin *standin = ai_standin_new (g_getenv ("STANDIN_KEY"));
  g_autofree char *url = ai_standin_dup_base_url (standin);

  printf ("%s\n", url);
  fflush (stdout);

  g_unix_signal_add (SIGTERM, on_quit_cb, loop);
  g_unix_signal_add (SIGINT, on_quit_cb, loop);
  g_unix_fd_add (0, G_IO_IN | G_IO_HUP, on_stdin_cb, loop);
  g_main_loop_run (loop);

  ai_standin_free (standin);
  return 0;
}
