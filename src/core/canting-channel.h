/* canting-channel.h: the shops a workshop publishes to.
 *
 * A channel is one WooCommerce store or the e-Peken listing pack, with
 * where to reach it, how to sign in and which shop category each motif
 * or technique goes in.  Secrets are not here and never in the
 * database: the password or consumer secret lives in the system keyring
 * under the channel's secret_ref, which only names it.  Talking to the
 * shop is src/publish's work; this is the stored side. */
#pragma once

#include <glib-object.h>

#include "canting-db.h"

G_BEGIN_DECLS

#define CANTING_CHANNEL_ERROR (canting_channel_error_quark ())
typedef enum {
  CANTING_CHANNEL_FIELD_NAME,
  CANTING_CHANNEL_FIELD_KIND,
  CANTING_CHANNEL_FIELD_URL,
  CANTING_CHANNEL_FIELD_AUTH,
  CANTING_CHANNEL_FIELD_USER,
  CANTING_CHANNEL_FIELD_CATEGORY,
} CantingChannelField;
GQuark canting_channel_error_quark (void);

typedef enum {
  CANTING_CHANNEL_WOOCOMMERCE,  /* a shop of the workshop's own (wc/v3) */
  CANTING_CHANNEL_EPEKEN,       /* Surabaya's e-Peken: a listing pack, no API */
} CantingChannelKind;
#define CANTING_CHANNEL_KIND_COUNT 2

const char *canting_channel_kind_to_string   (CantingChannelKind  kind);   /* "woocommerce" */
const char *canting_channel_kind_label       (CantingChannelKind  kind);   /* translated */
gboolean    canting_channel_kind_from_string (const char         *text,
                                              CantingChannelKind *out_kind);

typedef enum {
  CANTING_CHANNEL_AUTH_NONE,          /* e-Peken: nothing to sign in to */
  /* A WordPress application password: covers products and media upload. */
  CANTING_CHANNEL_AUTH_APP_PASSWORD,
  /* A WooCommerce consumer key and secret: products only, no media. */
  CANTING_CHANNEL_AUTH_CONSUMER_KEY,
} CantingChannelAuth;
#define CANTING_CHANNEL_AUTH_COUNT 3

const char *canting_channel_auth_to_string   (CantingChannelAuth  auth);
const char *canting_channel_auth_label       (CantingChannelAuth  auth);   /* translated */
gboolean    canting_channel_auth_from_string (const char         *text,
                                              CantingChannelAuth *out_auth);

typedef struct {
  gint64              id;          /* 0 until saved */
  char               *name;        /* "Toko Batik Blitar" */
  CantingChannelKind  kind;
  char               *base_url;    /* "https://toko.example"; "" for e-Peken */
  CantingChannelAuth  auth;
  /* What may be shown: the WordPress user name, or a label for the
   * consumer key (its last characters, as WooCommerce lists them). */
  char               *auth_user;
  /* Names the keyring item that holds the secret; made when first saved.
   * Not a secret itself. */
  char               *secret_ref;
  gboolean            archived;
} CantingChannel;

#define CANTING_TYPE_CHANNEL (canting_channel_get_type ())
GType           canting_channel_get_type (void);
CantingChannel *canting_channel_new      (void);
CantingChannel *canting_channel_copy     (const CantingChannel *channel);
void            canting_channel_free     (CantingChannel       *channel);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CantingChannel, canting_channel_free)

/* Checks a shop's address and gives it back in one spelling
 * ("https://toko.example/wp", no trailing slash).  Only https is
 * accepted, or http to this computer (127.0.0.1, localhost: the practice
 * shop), because a password sent over plain http can be read by anyone
 * on the way.  An address carrying a user name or password is refused
 * too: it would be stored.  (transfer full) NULL with
 * CANTING_CHANNEL_FIELD_URL and the reason in words. */
char           *canting_channel_normalize_url (const char  *url,
                                               GError     **error);

gboolean        canting_channel_validate (const CantingChannel  *channel,
                                          GError               **error);
/* Inserts or updates (the URL normalised); a new channel gets its
 * secret_ref. */
gboolean        canting_channel_save     (CantingDb             *db,
                                          CantingChannel        *channel,
                                          GError               **error);
CantingChannel *canting_channel_load     (CantingDb             *db,
                                          gint64                 id,
                                          GError               **error);
/* By name, whatever its capitals (canting-cli publish --channel NAME). */
CantingChannel *canting_channel_find     (CantingDb             *db,
                                          const char            *name,
                                          GError               **error);
/* (transfer full) (element-type CantingChannel): by name. */
GPtrArray      *canting_channel_list     (CantingDb             *db,
                                          gboolean               include_archived,
                                          GError               **error);

/* --- category mapping ----------------------------------------------------- */

typedef enum {
  CANTING_CATEGORY_BY_MOTIF,
  CANTING_CATEGORY_BY_TECHNIQUE,
} CantingCategorySource;

typedef struct {
  CantingCategorySource  source;
  char                  *local_value;  /* "Kawung", or "tulis" */
  char                  *remote_name;  /* the shop's category: "Batik Tulis" */
  gint64                 remote_id;    /* 0 until made or found on the shop */
} CantingChannelCategory;

void       canting_channel_category_free (CantingChannelCategory *category);

/* Products of @local_value (a motif, whatever its capitals, or a
 * technique id such as "tulis") go in the shop category @remote_name;
 * @remote_id 0 when it is not known yet.  Replaces an earlier mapping of
 * the same value. */
gboolean   canting_channel_set_category     (CantingDb              *db,
                                             gint64                  channel_id,
                                             CantingCategorySource   source,
                                             const char             *local_value,
                                             const char             *remote_name,
                                             gint64                  remote_id,
                                             GError                **error);
gboolean   canting_channel_remove_category  (CantingDb              *db,
                                             gint64                  channel_id,
                                             CantingCategorySource   source,
                                             const char             *local_value,
                                             GError                **error);
/* The shop's id for every mapping to @remote_name (made, or adopted from
 * a term_exists reply). */
gboolean   canting_channel_set_category_id  (CantingDb              *db,
                                             gint64                  channel_id,
                                             const char             *remote_name,
                                             gint64                  remote_id,
                                             GError                **error);
/* (transfer full) (element-type CantingChannelCategory) */
GPtrArray *canting_channel_categories       (CantingDb              *db,
                                             gint64                  channel_id,
                                             GError                **error);

G_END_DECLS
