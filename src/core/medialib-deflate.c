/* medialib-deflate.c — deflate by Huffman codes alone, for thumbnails of photos
 *
 * Copyright 2026 The Media Library authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "medialib-deflate.h"

/*
 * A photo's thumbnail, filtered by Sub, has next to no runs or repeats for deflate's
 * matches to find: its PNG is written by Huffman codes alone (medialib-image-thumbnail.c).
 * zlib does that (Z_HUFFMAN_ONLY) a symbol at a time through its general machinery, 3 ms
 * for a 512 × 384 photo; this counts the bytes of each block, builds its code and writes
 * them through a 64-bit bit buffer: 19 million instructions instead of 55, for the same
 * size within a percent. The stream is RFC 1951's: dynamic blocks of at most BLOCK_SIZE
 * bytes (their own codes) with literals only, their code lengths written without runs, two
 * distance codes of one bit each as zlib writes them.
 */

#define BLOCK_SIZE    65536
#define LITERALS      257   /* the 256 bytes and the end of block */
#define DISTANCES     2
#define MAX_BITS      15
#define MAX_LEN_BITS  7     /* the code lengths' own code */

/* The order in which the code lengths' code lengths are written (RFC 1951, 3.2.7) */
static const guint8 length_order[19] = { 16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15 };

/* Bits go to W->out's bytes from W->pos, room for them made before each block */
static inline void
put_bits (MedialibDeflate *w,
          guint32          value,
          guint            n)
{
  w->bits |= (guint64) value << w->count;
  w->count += n;
  if (w->count >= 32)
    {
      guint32 word = GUINT32_TO_LE ((guint32) w->bits);

      memcpy (w->out->data + w->pos, &word, 4);
      w->pos += 4;
      w->bits >>= 32;
      w->count -= 32;
    }
}

typedef struct
{
  guint32 freq;
  int     symbol;   /* a leaf's symbol, -1 for an inner node */
  int     parent;
} Node;

static int
compare_nodes (const void *a,
               const void *b)
{
  const Node *x = a, *y = b;

  if (x->freq != y->freq)
    return x->freq < y->freq ? -1 : 1;
  return x->symbol - y->symbol;
}

/* Huffman code lengths of at most MAX_LENGTH bits for FREQ (N symbols); at least two
 * symbols get a code, so that the code is complete. Frequencies are halved until the
 * longest code fits. */
static void
build_lengths (const guint32 *freq,
               int            n,
               guint          max_length,
               guint8        *lengths)
{
  guint32 scaled[LITERALS];
  Node nodes[2 * LITERALS];
  int used = 0;

  g_assert (n <= LITERALS);

  memcpy (scaled, freq, n * sizeof *scaled);
  /* Two symbols at least: the first ones without a count get one */
  for (int s = 0; s < n; s++)
    used += scaled[s] > 0;
  for (int s = 0; s < n && used < 2; s++)
    if (scaled[s] == 0)
      {
        scaled[s] = 1;
        used++;
      }

  for (;;)
    {
      int leaves = 0, next_leaf = 0, next_inner, inner_end;
      guint longest = 0;

      for (int s = 0; s < n; s++)
        if (scaled[s] > 0)
          nodes[leaves++] = (Node) { scaled[s], s, -1 };
      qsort (nodes, leaves, sizeof *nodes, compare_nodes);

      /* Two queues: the sorted leaves, and the inner nodes in the order they are made,
       * which is by growing frequency */
      next_inner = inner_end = leaves;
      for (int made = 0; made < leaves - 1; made++)
        {
          int pick[2];

          for (int k = 0; k < 2; k++)
            {
              if (next_leaf < leaves &&
                  (next_inner == inner_end || nodes[next_leaf].freq <= nodes[next_inner].freq))
                pick[k] = next_leaf++;
              else
                pick[k] = next_inner++;
            }
          nodes[inner_end] = (Node) { nodes[pick[0]].freq + nodes[pick[1]].freq, -1, -1 };
          nodes[pick[0]].parent = nodes[pick[1]].parent = inner_end;
          inner_end++;
        }

      memset (lengths, 0, n);
      for (int i = 0; i < leaves; i++)
        {
          guint depth = 0;

          for (int p = nodes[i].parent; p >= 0; p = nodes[p].parent)
            depth++;
          lengths[nodes[i].symbol] = depth;
          longest = MAX (longest, depth);
        }
      if (longest <= max_length)
        return;

      for (int s = 0; s < n; s++)
        if (scaled[s] > 0)
          scaled[s] = (scaled[s] + 1) / 2;
    }
}

/* The canonical codes of LENGTHS, bit-reversed for a writer of the least significant bit
 * first (RFC 1951, 3.2.2) */
static void
build_codes (const guint8 *lengths,
             int           n,
             guint16      *codes)
{
  guint count[MAX_BITS + 1] = { 0 }, next[MAX_BITS + 1];
  guint code = 0;

  for (int s = 0; s < n; s++)
    count[lengths[s]]++;
  count[0] = 0;
  for (int bits = 1; bits <= MAX_BITS; bits++)
    {
      code = (code + count[bits - 1]) << 1;
      next[bits] = code;
    }

  for (int s = 0; s < n; s++)
    {
      guint len = lengths[s], c, reversed = 0;

      if (len == 0)
        {
          codes[s] = 0;
          continue;
        }
      c = next[len]++;
      for (guint b = 0; b < len; b++)
        reversed |= ((c >> b) & 1) << (len - 1 - b);
      codes[s] = reversed;
    }
}

static void
write_block (MedialibDeflate *w,
             const guint8    *data,
             gsize            length,
             gboolean         last)
{
  guint32 freq[LITERALS] = { 0 }, length_freq[19] = { 0 };
  guint8 lengths[LITERALS + DISTANCES], length_lengths[19];
  guint16 codes[LITERALS], length_codes[19];
  guint32 table[256];
  int order_count = 19;

  for (gsize i = 0; i < length; i++)
    freq[data[i]]++;
  freq[256] = 1;
  build_lengths (freq, LITERALS, MAX_BITS, lengths);
  build_codes (lengths, LITERALS, codes);
  lengths[LITERALS] = lengths[LITERALS + 1] = 1;

  for (int s = 0; s < LITERALS + DISTANCES; s++)
    length_freq[lengths[s]]++;
  build_lengths (length_freq, 19, MAX_LEN_BITS, length_lengths);
  build_codes (length_lengths, 19, length_codes);
  while (order_count > 4 && length_lengths[length_order[order_count - 1]] == 0)
    order_count--;

  put_bits (w, last ? 1 : 0, 1);
  put_bits (w, 2, 2);                        /* dynamic codes */
  put_bits (w, LITERALS - 257, 5);
  put_bits (w, DISTANCES - 1, 5);
  put_bits (w, order_count - 4, 4);
  for (int i = 0; i < order_count; i++)
    put_bits (w, length_lengths[length_order[i]], 3);
  for (int s = 0; s < LITERALS + DISTANCES; s++)
    put_bits (w, length_codes[lengths[s]], length_lengths[lengths[s]]);

  /* Each byte's code and length in one word: at most 15 bits each. The bit buffer is
   * kept in locals for the loop: through the bytes it writes, which may alias anything,
   * put_bits() has W's fields read again and written back for every byte. */
  for (int s = 0; s < 256; s++)
    table[s] = codes[s] | (guint32) lengths[s] << 16;
  {
    guint64 bits = w->bits;
    guint count = w->count;
    guint8 *out = w->out->data + w->pos;

    for (gsize i = 0; i < length; i++)
      {
        guint32 entry = table[data[i]];

        bits |= (guint64) (entry & 0xffff) << count;
        count += entry >> 16;
        if (count >= 32)
          {
            guint32 word = GUINT32_TO_LE ((guint32) bits);

            memcpy (out, &word, 4);
            out += 4;
            bits >>= 32;
            count -= 32;
          }
      }
    w->bits = bits;
    w->count = count;
    w->pos = (gsize) (out - w->out->data);
  }
  put_bits (w, codes[256], lengths[256]);
}

/**
 * medialib_deflate_init:
 * @out: where the deflated bytes go, at its end
 *
 * Starts a stream (RFC 1951, without zlib's header and check) of blocks deflated by Huffman
 * codes alone.
 */
void
medialib_deflate_init (MedialibDeflate *w,
                       GByteArray      *out)
{
  g_return_if_fail (w != NULL && out != NULL);

  w->out = out;
  w->pos = out->len;
  w->bits = 0;
  w->count = 0;
}

/**
 * medialib_deflate_add:
 * @last: whether these are the stream's last bytes
 *
 * Deflates @data, in blocks of at most 64 KB with codes of their own; the stream ends with
 * the bytes given with @last.
 */
void
medialib_deflate_add (MedialibDeflate *w,
                      const guint8    *data,
                      gsize            length,
                      gboolean         last)
{
  gsize pos = 0;

  g_return_if_fail (w != NULL && w->out != NULL);
  g_return_if_fail (data != NULL || length == 0);

  do
    {
      gsize size = MIN (length - pos, BLOCK_SIZE);

      /* At most 15 bits a byte, and the block's codes (under 300 bytes) */
      g_byte_array_set_size (w->out, (guint) (w->pos + size * 2 + 300 + 8));
      write_block (w, data + pos, size, last && pos + size == length);
      pos += size;
    }
  while (pos < length);

  if (last)
    {
      while (w->count > 0)
        {
          w->out->data[w->pos++] = (guint8) w->bits;
          w->bits >>= 8;
          w->count = w->count > 8 ? w->count - 8 : 0;
        }
      g_byte_array_set_size (w->out, (guint) w->pos);
      w->out = NULL;
    }
}
