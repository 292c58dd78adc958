/* renderlog.h - what was rendered from which mix version, and when:
 * renders/renders.ini, one section per render, appended atomically. */
#ifndef REEL_RENDERLOG_H
#define REEL_RENDERLOG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct project;

#define RENDERLOG_FILE "renders/renders.ini"

/* The file name a render without one gets: "PROJECT-vN[-NAME].wav"
 * (N the version the mix was last saved or loaded as; "-edited" after
 * it when the mix changed since; "PROJECT.wav" before any version). */
void renderlog_name(const struct project *p, char *buf, size_t size);
/* The same for [start, end): a part of the song (a selection) gets its
 * range in seconds, PROJECT-vN-NAME-2.000s-3.500s.wav, so that it does
 * not replace the whole song's render (nor the whole song's it). */
void renderlog_name_range(const struct project *p, int64_t start,
    int64_t end, char *buf, size_t size);
/* The project's name: its directory's last component ("mix" for none). */
void renderlog_project(const struct project *p, char *buf, size_t size);
/* Appends a render of `file` (as the user named it) over [start, end).
 * 0, or -1 with err. */
int renderlog_add(const struct project *p, const char *file, int64_t start,
    int64_t end, char *err, size_t errlen);
/* The log as lines (heap, "" when empty). */
char *renderlog_text(const struct project *p);

#endif
