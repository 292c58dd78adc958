/* routing.h - buses, sends and routes of a project: their lines in
 * project.ini, the loop check, the order buses are processed in, and
 * who is heard under solo.
 *
 * Every strip (a track or a bus) has an output (a group bus or the
 * master) and sends into aux buses.  Only buses receive, so only buses
 * can form a loop; a loop is refused where it would be made (`route`,
 * `send`) and where it is read (project.ini edited by hand).
 */
#ifndef REEL_ROUTING_H
#define REEL_ROUTING_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "project.h"

/* A [track] line of routing: `route = BUS` or `send.BUS = DB pre|post`.
 * 1 when parsed, 0 when the key is not one of these, -1 with err. */
int routing_parse(struct routing *rt, const char *key, const char *v,
    char *err, size_t errlen);
/* The routing lines; `route` only when not to the master, unless
 * `always` (a bus says where it goes). */
void routing_write(FILE *f, const struct routing *rt, bool always);
/* A [bus NAME] line: gain, pan, mute, solo and the routing lines. */
int routing_bus_parse(struct bus *b, const char *key, const char *v,
    char *err, size_t errlen);
void routing_bus_write(FILE *f, const struct bus *b);

/* A number as the shortest text that reads back to the same double. */
void routing_num(double x, char *buf, size_t len);

/* Whether a connection from strip `from` (a track or bus name) into bus
 * `to` would close a loop; then path holds it, "a -> b -> a". */
bool routing_loops(const struct project *p, const char *from,
    const char *to, char *path, size_t len);
/* Every route and send names a bus that exists, and nothing loops.
 * 0, or -1 with err. */
int routing_check(const struct project *p, char *err, size_t errlen);
/* Bus indices in processing order: a bus only feeds buses after it. */
void routing_order(const struct project *p, int *order);
/* The strips that feed bus `b` by route or send, as "vox (send), gtr
 * (route)"; "" when none. */
void routing_feeders(const struct project *p, const char *bus, char *buf,
    size_t len);
/* Solo in place: which tracks and buses are heard.  With nothing
 * soloed, whatever is not muted.  Otherwise a strip is heard (unless
 * muted) when it is soloed, fed by a soloed strip (the aux returns and
 * group buses of a soloed track), or feeds a soloed bus (a bus soloed
 * brings its sources). */
void routing_audible(const struct project *p, bool *track, bool *bus);

#endif
