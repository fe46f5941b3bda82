/*
 * libpq, loaded when a database URL is postgresql:// (see lazylib.h).  Only
 * db_pg.c includes this.
 */
#ifndef QL_LAZY_PQ_H
#define QL_LAZY_PQ_H

#include <libpq-fe.h>

#include "lazylib.h"

/* The functions the program calls, X-macro. */
#define PQ_FUNCS(X)                                                                                \
	X(PQclear)                                                                                 \
	X(PQcmdStatus)                                                                             \
	X(PQcmdTuples)                                                                             \
	X(PQconnectdb)                                                                             \
	X(PQerrorMessage)                                                                          \
	X(PQexec)                                                                                  \
	X(PQexecParams)                                                                            \
	X(PQexecPrepared)                                                                          \
	X(PQfinish)                                                                                \
	X(PQfname)                                                                                 \
	X(PQfreemem)                                                                               \
	X(PQftype)                                                                                 \
	X(PQgetResult)                                                                             \
	X(PQgetisnull)                                                                             \
	X(PQgetlength)                                                                             \
	X(PQgetvalue)                                                                              \
	X(PQmakeEmptyPGresult)                                                                     \
	X(PQnfields)                                                                               \
	X(PQntuples)                                                                               \
	X(PQprepare)                                                                               \
	X(PQresultErrorField)                                                                      \
	X(PQresultErrorMessage)                                                                    \
	X(PQresultStatus)                                                                          \
	X(PQsendQuery)                                                                             \
	X(PQsetNoticeReceiver)                                                                     \
	X(PQstatus)                                                                                \
	X(PQtransactionStatus)                                                                     \
	X(PQunescapeBytea)

struct pq_api {
	PQ_FUNCS(LAZYLIB_FIELD)
};

const struct pq_api *pq_api(void);

#ifndef QL_LAZY_PQ_IMPL
#define PQclear		     (pq_api()->PQclear)
#define PQcmdStatus	     (pq_api()->PQcmdStatus)
#define PQcmdTuples	     (pq_api()->PQcmdTuples)
#define PQconnectdb	     (pq_api()->PQconnectdb)
#define PQerrorMessage	     (pq_api()->PQerrorMessage)
#define PQexec		     (pq_api()->PQexec)
#define PQexecParams	     (pq_api()->PQexecParams)
#define PQexecPrepared	     (pq_api()->PQexecPrepared)
#define PQfinish	     (pq_api()->PQfinish)
#define PQfname		     (pq_api()->PQfname)
#define PQfreemem	     (pq_api()->PQfreemem)
#define PQftype		     (pq_api()->PQftype)
#define PQgetResult	     (pq_api()->PQgetResult)
#define PQgetisnull	     (pq_api()->PQgetisnull)
#define PQgetlength	     (pq_api()->PQgetlength)
#define PQgetvalue	     (pq_api()->PQgetvalue)
#define PQmakeEmptyPGresult  (pq_api()->PQmakeEmptyPGresult)
#define PQnfields	     (pq_api()->PQnfields)
#define PQntuples	     (pq_api()->PQntuples)
#define PQprepare	     (pq_api()->PQprepare)
#define PQresultErrorField   (pq_api()->PQresultErrorField)
#define PQresultErrorMessage (pq_api()->PQresultErrorMessage)
#define PQresultStatus	     (pq_api()->PQresultStatus)
#define PQsendQuery	     (pq_api()->PQsendQuery)
#define PQsetNoticeReceiver  (pq_api()->PQsetNoticeReceiver)
#define PQstatus	     (pq_api()->PQstatus)
#define PQtransactionStatus  (pq_api()->PQtransactionStatus)
#define PQunescapeBytea	     (pq_api()->PQunescapeBytea)
#endif

#endif
