<?php
/* config.php: the private test site's configuration, in place of
 * Debian's /etc/wordpress/config-<host>.php.
 *
 * Debian's wp-config.php only looks for its configuration under
 * /etc/wordpress (by the request's host name); a test must not write
 * there.  So install.php and router.php require this file and then
 * WordPress's wp-settings.php themselves, as wp-config.php would,
 * without going through wp-load.php.  Everything the site writes (the
 * database socket, uploads) is under CANTING_WP_DIR, the harness's
 * temporary directory, and every address is CANTING_WP_URL. */

$canting_dir = getenv('CANTING_WP_DIR');
$canting_url = getenv('CANTING_WP_URL');
if ($canting_dir === false || $canting_dir === '' || $canting_url === false || $canting_url === '') {
    fwrite(STDERR, "config.php: CANTING_WP_DIR and CANTING_WP_URL must be set\n");
    exit(1);
}

define('ABSPATH', rtrim(getenv('CANTING_WP_ROOT') ?: '/usr/share/wordpress', '/') . '/');
define('DB_NAME', 'wordpress');
define('DB_USER', 'wordpress');
define('DB_PASSWORD', 'wordpress');
/* "localhost:/path": wpdb connects to the private server's unix socket. */
define('DB_HOST', 'localhost:' . $canting_dir . '/mysqld.sock');
define('DB_CHARSET', 'utf8mb4');
define('DB_COLLATE', '');
$table_prefix = 'wp_';

define('WP_HOME', $canting_url);
define('WP_SITEURL', $canting_url);
/* Themes, plugins and uploads in the temporary directory, not Debian's
 * /var/lib/wordpress/wp-content: nothing is left behind. */
define('WP_CONTENT_DIR', $canting_dir . '/wp-content');
define('WP_CONTENT_URL', $canting_url . '/wp-content');

/* Application passwords work over plain http only on a "local" site;
 * a real shop uses https. */
define('WP_ENVIRONMENT_TYPE', 'local');
/* No network beyond this computer: no update checks, no cron requests
 * to itself, no e-mail. */
define('WP_HTTP_BLOCK_EXTERNAL', true);
define('DISABLE_WP_CRON', true);
define('AUTOMATIC_UPDATER_DISABLED', true);
define('WP_AUTO_UPDATE_CORE', false);
define('WP_DEBUG', false);
