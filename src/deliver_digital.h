/* deliver_digital.h - files for digital distribution and the report of
 * each song against the streaming services and Apple Digital Masters
 * (deliver_digital.c). */
#ifndef REEL_DELIVER_DIGITAL_H
#define REEL_DELIVER_DIGITAL_H

#include "deliver.h"

struct deliver_digital_opts {
	enum render_dither_mode dither;	/* of the 16-bit masters */
	deliver_progress_fn progress;
	void *progress_arg;
};

/* Writes dir/hires, flac, cd, preview and report.txt; *report (heap)
 * the report's text.  0 written, 1 refused (errors in r), 2 stopped,
 * -1 failed with err. */
int deliver_digital(const struct album *a, char *const *masters,
    const char *dir, const struct deliver_digital_opts *o,
    struct deliver_report *r, char **report, char *err, size_t errlen);

#endif
