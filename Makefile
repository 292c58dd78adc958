# reel - terminal multitrack recorder.  See README.md.
#
#   make run     install what is missing, build, open the demo project
#   make test    install what is missing, build with sanitizers, run tests
#   make bench   print speed and memory figures against sox and ecasound

PREFIX  ?= /usr/local
DESTDIR ?=
BINDIR   = $(PREFIX)/bin
MANDIR   = $(PREFIX)/share/man/man1
DATADIR  = $(PREFIX)/share/reel

CC      ?= cc
PKGS     = alsa sndfile samplerate inih ncursesw fftw3f rubberband lilv-0 flac \
	   libebur128
# Opened when a delivery needs it (src/deliver_aac.c), not linked.
DLPKGS   = libavcodec libavutil
PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS) $(DLPKGS) 2>/dev/null)
PKG_LIBS   := $(shell pkg-config --libs $(PKGS) 2>/dev/null)

WARN     = -Wall -Wextra -Werror -Wshadow -Wno-unused-parameter
BASEFLAGS = -std=c11 -D_GNU_SOURCE -pthread -Isrc -Iaudio -Itui \
	    -DREEL_DATADIR='"$(DATADIR)"' $(WARN) $(PKG_CFLAGS)
LDLIBS   = $(PKG_LIBS) -ldl -lm -pthread

# Release build in build/, sanitizer build in build/test/.
VARIANT ?= release
ifeq ($(VARIANT),test)
  OUT     = build/test
  CFLAGS += -O1 -g -fno-omit-frame-pointer -fsanitize=address,undefined \
	    -fno-sanitize-recover=undefined
  LDFLAGS += -fsanitize=address,undefined
else ifeq ($(VARIANT),tsan)
  OUT     = build/tsan
  CFLAGS += -O1 -g -fsanitize=thread
  LDFLAGS += -fsanitize=thread
else
  OUT     = build
  CFLAGS ?= -O2 -g
  CFLAGS += -O2 -g
  # The audio kernels at -O3: GCC vectorises loops of a run-time length
  # (the block) only with -O3's cost model, not -O2's; and with
  # -fno-trapping-math, which lets it compute both sides of a clamp
  # (nothing here enables floating-point traps; values, NaN and Inf stay
  # IEEE).  No -ffast-math: the NaN checks (fx_clean) and the loudness
  # code need IEEE floats.
  $(OUT)/audio/%.o: CFLAGS += -O3 -fno-trapping-math
endif

LIB_SRCS  = $(sort $(wildcard audio/*.c src/*.c tui/*.c))
LIB_SRCS := $(filter-out src/main.c,$(LIB_SRCS))
LIB_OBJS  = $(LIB_SRCS:%.c=$(OUT)/%.o)
UNIT_SRCS = $(sort $(wildcard tests/unit/test_*.c))
UNIT_BINS = $(UNIT_SRCS:tests/unit/%.c=$(OUT)/tests/%)

.PHONY: all deps deps-test run test check bench fuzz soak tsan install \
	uninstall clean unit example

all: $(OUT)/reel

$(OUT)/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(BASEFLAGS) $(CFLAGS) -MMD -MP -c -o $@ $<

$(OUT)/libreel.a: $(LIB_OBJS)
	@rm -f $@
	ar rcs $@ $^

$(OUT)/reel: $(OUT)/src/main.o $(OUT)/libreel.a
	$(CC) $(LDFLAGS) -o $@ $^ $(LDLIBS)

$(OUT)/tests/%: tests/unit/%.c $(OUT)/libreel.a tests/unit/t.h
	@mkdir -p $(dir $@)
	$(CC) $(BASEFLAGS) $(CFLAGS) -Itests/unit $(LDFLAGS) -o $@ $< \
	    $(OUT)/libreel.a $(LDLIBS)

unit: $(UNIT_BINS)

-include $(LIB_OBJS:.o=.d) $(OUT)/src/main.d

# Debian packages: building needs the first list, tests and bench the rest.
DEPS_BUILD = gcc make pkg-config libasound2-dev libsndfile1-dev \
	     libsamplerate0-dev libinih-dev libncurses-dev libfftw3-dev \
	     librubberband-dev liblilv-dev ladspa-sdk libebur128-dev \
	     libflac-dev libavcodec-dev libavutil-dev
DEPS_TEST  = sox tmux jackd2 libasound2-plugins alsa-utils ecasound python3 cdrdao flac \
	     ffmpeg clang libclang-rt-14-dev x42-plugins lv2file
deps:
	@tests/lib/deps.sh $(DEPS_BUILD)
deps-test:
	@tests/lib/deps.sh $(DEPS_BUILD) $(DEPS_TEST)

# The sub-builds use every core (a fresh CI machine has two).
JOBS ?= $(shell nproc 2>/dev/null || echo 2)

run: deps
	@$(MAKE) -j$(JOBS) --no-print-directory all
	@./build/reel --demo demo

test: deps-test
	@$(MAKE) -j$(JOBS) --no-print-directory VARIANT=test all unit
	@$(MAKE) -j$(JOBS) --no-print-directory all
	@tests/run.sh
check: test

bench: deps-test
	@$(MAKE) -j$(JOBS) --no-print-directory all unit
	@tests/bench/bench.sh
	@tests/bench/loudness.sh
	@tests/bench/deliver.sh
	@tests/bench/deliver_aac.sh

fuzz: deps-test
	@tests/fuzz/run.sh

soak: deps-test
	@$(MAKE) -j$(JOBS) --no-print-directory VARIANT=test all
	@tests/soak.sh

tsan: deps-test
	@$(MAKE) -j$(JOBS) --no-print-directory VARIANT=tsan all unit
	@REEL_VARIANT=tsan tests/run.sh

# config.ini.example is generated from the options table.
example: all
	./build/reel --config-example > config.ini.example

install: all
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR) \
	    $(DESTDIR)$(DATADIR)/keymaps
	install -m 755 build/reel $(DESTDIR)$(BINDIR)/reel
	install -m 644 reel.1 $(DESTDIR)$(MANDIR)/reel.1
	install -m 644 keymaps/*.ini $(DESTDIR)$(DATADIR)/keymaps/
	install -m 644 config.ini.example $(DESTDIR)$(DATADIR)/config.ini.example

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/reel $(DESTDIR)$(MANDIR)/reel.1
	rm -rf $(DESTDIR)$(DATADIR)

clean:
	rm -rf build
