/* livemeter.c - loudness of the engine's master, off the engine thread. */
#include "livemeter.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdlib.h>
#include <time.h>

#include "ring.h"

#define LIVEMETER_BLOCK 4096

struct livemeter {
	struct ring *ring;
	struct loudness *l;
	pthread_mutex_t mu;
	pthread_t thread;
	atomic_bool quit, reset;
	float buf[LIVEMETER_BLOCK * 2];
};

static void *
livemeter_thread(void *arg)
{
	struct livemeter *lm = arg;
	struct timespec ts = { 0, 50 * 1000 * 1000 };
	size_t got;

	while (!atomic_load(&lm->quit)) {
		nanosleep(&ts, NULL);
		if (atomic_exchange(&lm->reset, false)) {
			pthread_mutex_lock(&lm->mu);
			loudness_reset(lm->l);
			pthread_mutex_unlock(&lm->mu);
		}
		/* Whole frames: the engine writes whole periods. */
		while ((got = ring_read(lm->ring, lm->buf,
		    sizeof lm->buf)) > 0) {
			pthread_mutex_lock(&lm->mu);
			loudness_add(lm->l, lm->buf, got / (2 * sizeof(float)));
			pthread_mutex_unlock(&lm->mu);
		}
	}
	return NULL;
}

struct livemeter *
livemeter_new(int rate)
{
	struct livemeter *lm = calloc(1, sizeof *lm);

	if (lm == NULL)
		return NULL;
	/* A second of audio: the thread wakes twenty times as often. */
	lm->ring = ring_new((size_t)rate * 2 * sizeof(float));
	lm->l = loudness_new(rate, 2, LOUDNESS_HISTORY);
	pthread_mutex_init(&lm->mu, NULL);
	if (lm->ring == NULL || lm->l == NULL ||
	    pthread_create(&lm->thread, NULL, livemeter_thread, lm) != 0) {
		ring_free(lm->ring);
		loudness_free(lm->l);
		pthread_mutex_destroy(&lm->mu);
		free(lm);
		return NULL;
	}
	return lm;
}

void
livemeter_free(struct livemeter *lm)
{
	if (lm == NULL)
		return;
	atomic_store(&lm->quit, true);
	pthread_join(lm->thread, NULL);
	ring_free(lm->ring);
	loudness_free(lm->l);
	pthread_mutex_destroy(&lm->mu);
	free(lm);
}

struct ring *
livemeter_ring(struct livemeter *lm)
{
	return lm->ring;
}

int
livemeter_get(struct livemeter *lm, struct loudness_figures *f,
    float *hist, int n)
{
	int k;

	pthread_mutex_lock(&lm->mu);
	loudness_get(lm->l, f);
	k = hist != NULL ? loudness_history(lm->l, hist, n) : 0;
	pthread_mutex_unlock(&lm->mu);
	return k;
}

void
livemeter_reset(struct livemeter *lm)
{
	atomic_store(&lm->reset, true);
}
