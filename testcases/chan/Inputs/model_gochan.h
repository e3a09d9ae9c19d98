/* model_gochan.h — the interface of Inputs/model_gochan.c. */
typedef struct gochan gochan_t;
gochan_t *gochan_new(int cap);
int gochan_send(gochan_t *c, void *msg);
int gochan_recv2(gochan_t *c, void **out);
void *gochan_recv(gochan_t *c);
void gochan_close(gochan_t *c);
