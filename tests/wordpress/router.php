<?php
/* router.php: the front controller for `php -S` serving the private
 * test site.
 *
 * php -S has no rewrite rules, so every address that is not a file of
 * WordPress itself comes here.  Uploads are served from the temporary
 * directory (WP_CONTENT_DIR, config.php); everything else runs
 * WordPress as index.php -> wp-blog-header.php would, but with
 * config.php instead of Debian's wp-config.php (which reads
 * /etc/wordpress). */

require __DIR__ . '/config.php';

$canting_path = rawurldecode(parse_url($_SERVER['REQUEST_URI'], PHP_URL_PATH) ?? '/');

if (str_starts_with($canting_path, '/wp-content/uploads/')) {
    $canting_root = realpath(WP_CONTENT_DIR . '/uploads');
    $canting_file = realpath(WP_CONTENT_DIR . substr($canting_path, strlen('/wp-content')));
    if ($canting_root === false || $canting_file === false || !is_file($canting_file) ||
        !str_starts_with($canting_file, $canting_root . '/')) {
        http_response_code(404);
        return true;
    }
    header('Content-Type: ' . (mime_content_type($canting_file) ?: 'application/octet-stream'));
    header('Content-Length: ' . filesize($canting_file));
    readfile($canting_file);
    return true;
}

if ($canting_path !== '/' && !str_ends_with($canting_path, '.php') && is_file(ABSPATH . ltrim($canting_path, '/'))) {
    return false;  /* a script or style of WordPress's own: php -S serves it */
}

define('WP_USE_THEMES', true);
require_once ABSPATH . 'wp-settings.php';
wp();
require_once ABSPATH . WPINC . '/template-loader.php';
