<?php
/* install.php: installs the private test site into its empty database
 * and prints an application password for its administrator.
 *
 * Run with php-cli, CANTING_WP_DIR and CANTING_WP_URL set (config.php).
 * What wp-admin/install.php does for a person, without the web form:
 * wp_install(), then pretty permalinks (the REST API's /wp-json/
 * addresses need them), then
 * WP_Application_Passwords::create_new_application_password(). */

define('WP_INSTALLING', true);
require __DIR__ . '/config.php';
require_once ABSPATH . 'wp-settings.php';

/* wp_install() mails the new administrator; there is nobody to mail. */
function wp_new_blog_notification($blog_title, $blog_url, $user_id, $password) {}

require_once ABSPATH . 'wp-admin/includes/upgrade.php';

/* wp_install() asks the site over HTTP whether pretty permalinks work;
 * the site is not serving yet.  Say no at once rather than waiting. */
add_filter('pre_http_request', function () {
    return new WP_Error('http_request_not_executed', 'No requests while installing.');
});

$user = $argv[1] ?? 'pelatih';
$result = wp_install('Toko Latihan Canting', $user, $user . '@example.org', false, '',
                     wp_generate_password(24, true));
if (is_wp_error($result) || empty($result['user_id'])) {
    fwrite(STDERR, "install.php: wp_install failed\n");
    exit(1);
}
update_option('permalink_structure', '/%postname%/');
delete_option('rewrite_rules');

$made = WP_Application_Passwords::create_new_application_password($result['user_id'], array('name' => 'Canting'));
if (is_wp_error($made)) {
    fwrite(STDERR, 'install.php: ' . $made->get_error_message() . "\n");
    exit(1);
}
echo $made[0], "\n";
