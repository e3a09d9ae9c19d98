/* dynamic_annotations.h — ThreadSanitizer's dynamic annotations, declared
 * with the signatures its runtime defines (tsan_interface_ann.cpp), the way
 * code annotated for ThreadSanitizer declares them.  The annotate/ tests
 * build the same source with ThreadSanitizer and with Tangle, which must
 * accept these calls unchanged. */
#ifndef TEST_DYNAMIC_ANNOTATIONS_H
#define TEST_DYNAMIC_ANNOTATIONS_H

void AnnotateHappensBefore(const char *file, int line, const volatile void *addr);
void AnnotateHappensAfter(const char *file, int line, const volatile void *addr);
void AnnotateBenignRaceSized(const char *file, int line, const volatile void *addr,
                             unsigned long size, const char *desc);
void AnnotateBenignRace(const char *file, int line, const volatile void *addr,
                        const char *desc);
void AnnotateRWLockCreate(const char *file, int line, const volatile void *lock);
void AnnotateRWLockDestroy(const char *file, int line, const volatile void *lock);
void AnnotateRWLockAcquired(const char *file, int line, const volatile void *lock,
                            unsigned long is_w);
void AnnotateRWLockReleased(const char *file, int line, const volatile void *lock,
                            unsigned long is_w);
void AnnotateIgnoreReadsBegin(const char *file, int line);
void AnnotateIgnoreReadsEnd(const char *file, int line);
void AnnotateIgnoreWritesBegin(const char *file, int line);
void AnnotateIgnoreWritesEnd(const char *file, int line);
void AnnotateNewMemory(const char *file, int line, const volatile void *mem,
                       unsigned long size);

#endif
