/* A library function with a race on its counter (no lock). */
static int events;
void count_event(void) { events++; }
int event_count(void) { return events; }
