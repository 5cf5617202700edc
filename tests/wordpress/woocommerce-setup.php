<?php
/* woocommerce-setup.php: turns the private test site of
 * wordpress-server.sh into a WooCommerce shop, for woocommerce-check.sh.
 *
 * Run with php-cli, CANTING_WP_DIR, CANTING_WP_URL (and CANTING_WP_ROOT)
 * set as for install.php, after the WooCommerce plugin has been linked
 * into $CANTING_WP_DIR/wp-content/plugins/woocommerce.
 *
 *   php woocommerce-setup.php activate
 *       activates WooCommerce as wp-admin's Plugins page would (its
 *       activation hook installs its tables), then sets the shop up the
 *       way a workshop in Java has it: the site's time zone Asia/Jakarta
 *       (UTC+7, so a mistake between local and GMT dates shows), rupiah
 *       with no decimals.  Prints "WooCommerce VERSION".
 *   php woocommerce-setup.php api-key USER [read|write|read_write]
 *       makes a REST API key for USER as WooCommerce's own key form
 *       (WC_Auth::create_keys) does: the consumer key stored only as
 *       wc_api_hash(), the secret as it is.  Prints "ck_... cs_...".
 *   php woocommerce-setup.php backdate-order ID 'YYYY-MM-DD HH:MM:SS'
 *       moves an order's creation and last change to that GMT time (the
 *       local columns follow in the site's time zone), so a check can put
 *       it just inside or outside a modified_after window.
 *
 * The site has no network beyond this computer (config.php), and a
 * must-use plugin written here keeps WooCommerce from calling itself
 * back in the background (Action Scheduler's async runner), which
 * `php -S`, answering one request at a time, would only queue. */

require __DIR__ . '/config.php';

$canting_mu = WP_CONTENT_DIR . '/mu-plugins';
if (!is_dir($canting_mu)) {
    mkdir($canting_mu, 0700, true);
}
file_put_contents($canting_mu . '/canting-test-shop.php', <<<'PHP'
<?php
/* Written by woocommerce-setup.php for a private test shop only. */
add_filter('action_scheduler_allow_async_request_runner', '__return_false');
add_filter('woocommerce_allow_marketplace_suggestions', '__return_false');
add_filter('pre_http_request', function ($pre, $args, $url) {
    /* Nothing leaves this computer; the site's own loopback calls are
     * answered at once instead of waiting on php -S. */
    return new WP_Error('http_request_not_executed', 'No requests from the test shop.');
}, 10, 3);
/* One line per REST request in $CANTING_WP_DIR/rest.log, for the check
 * to read what Canting asked and what it was told:
 *   METHOD PATH?QUERY STATUS AUTH CODE[,CODE...]
 * AUTH is basic, oauth or none; CODE is the error code of the reply
 * (or of each failed batch item), "-" when none. */
add_filter('rest_post_dispatch', function ($response, $server, $request) {
    $auth = 'none';
    if (isset($_GET['oauth_signature']) || isset($_GET['oauth_consumer_key'])) {
        $auth = 'oauth';
    } elseif (!empty($_SERVER['PHP_AUTH_USER']) || !empty($_SERVER['HTTP_AUTHORIZATION'])) {
        $auth = 'basic';
    }
    $data = $response->get_data();
    $codes = array();
    if (is_array($data) && isset($data['code']) && is_string($data['code'])) {
        $codes[] = $data['code'];
    }
    foreach (array('create', 'update', 'delete') as $part) {
        if (is_array($data) && isset($data[$part]) && is_array($data[$part])) {
            foreach ($data[$part] as $item) {
                if (is_array($item) && isset($item['error']['code'])) {
                    $codes[] = $part . ':' . $item['error']['code'];
                }
            }
        }
    }
    $query = $_GET;
    unset($query['oauth_signature'], $query['oauth_nonce'], $query['oauth_timestamp'], $query['oauth_consumer_key'],
          $query['oauth_signature_method']);
    $body = json_decode($request->get_body(), true);
    $items = '';
    if (is_array($body) && (isset($body['create']) || isset($body['update']))) {
        $items = ' items=' . count($body['create'] ?? array()) . '+' . count($body['update'] ?? array());
    }
    file_put_contents(getenv('CANTING_WP_DIR') . '/rest.log',
                      sprintf("%s %s%s %d %s %s%s\n", $request->get_method(), $request->get_route(),
                              $query ? '?' . http_build_query($query) : '', $response->get_status(), $auth,
                              $codes ? implode(',', $codes) : '-', $items),
                      FILE_APPEND | LOCK_EX);
    return $response;
}, 1000, 3);
PHP);

require_once ABSPATH . 'wp-settings.php';
require_once ABSPATH . 'wp-admin/includes/plugin.php';

$what = $argv[1] ?? '';

if ($what === 'activate') {
    $plugin = 'woocommerce/woocommerce.php';
    if (!file_exists(WP_PLUGIN_DIR . '/' . $plugin)) {
        fwrite(STDERR, "woocommerce-setup.php: no " . WP_PLUGIN_DIR . "/$plugin\n");
        exit(1);
    }
    $result = activate_plugin($plugin);
    if (is_wp_error($result)) {
        fwrite(STDERR, 'woocommerce-setup.php: ' . $result->get_error_message() . "\n");
        exit(1);
    }
    if (!class_exists('WC_Install')) {
        fwrite(STDERR, "woocommerce-setup.php: WooCommerce did not load\n");
        exit(1);
    }
    /* The activation hook only flags the install; wp-admin's next page
     * load would run it.  Run it now. */
    WC_Install::install();
    update_option('timezone_string', 'Asia/Jakarta');
    update_option('gmt_offset', '');
    update_option('woocommerce_currency', 'IDR');
    update_option('woocommerce_price_num_decimals', '0');
    update_option('woocommerce_manage_stock', 'yes');
    update_option('woocommerce_default_country', 'ID:JI');
    /* No onboarding wizard redirects or admin notices in the way. */
    update_option('woocommerce_onboarding_profile', array('skipped' => true));
    delete_transient('_wc_activation_redirect');
    echo 'WooCommerce ', WC()->version, "\n";
    exit(0);
}

if ($what === 'api-key') {
    global $wpdb;
    $user = get_user_by('login', $argv[2] ?? '');
    $scope = $argv[3] ?? 'read_write';
    if (!$user || !in_array($scope, array('read', 'write', 'read_write'), true)) {
        fwrite(STDERR, "woocommerce-setup.php: usage: api-key USER [read|write|read_write]\n");
        exit(2);
    }
    $consumer_key = 'ck_' . wc_rand_hash();
    $consumer_secret = 'cs_' . wc_rand_hash();
    $ok = $wpdb->insert($wpdb->prefix . 'woocommerce_api_keys',
                        array('user_id' => $user->ID,
                              'description' => 'Canting (test)',
                              'permissions' => $scope,
                              'consumer_key' => wc_api_hash($consumer_key),
                              'consumer_secret' => $consumer_secret,
                              'truncated_key' => substr($consumer_key, -7)),
                        array('%d', '%s', '%s', '%s', '%s', '%s'));
    if (!$ok) {
        fwrite(STDERR, "woocommerce-setup.php: could not store the key\n");
        exit(1);
    }
    echo $consumer_key, ' ', $consumer_secret, "\n";
    exit(0);
}

if ($what === 'backdate-order') {
    /* Moves order ID's creation and last change to GMT time "Y-m-d
     * H:i:s" (the local columns follow in the site's time zone), as if
     * it had last changed then: what modified_after is compared with. */
    global $wpdb;
    $id = (int) ($argv[2] ?? 0);
    $gmt = $argv[3] ?? '';
    if ($id <= 0 || !preg_match('/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/', $gmt) || get_post_type($id) !== 'shop_order') {
        fwrite(STDERR, "woocommerce-setup.php: usage: backdate-order ID 'YYYY-MM-DD HH:MM:SS' (an order, GMT)\n");
        exit(2);
    }
    $local = get_date_from_gmt($gmt);
    $wpdb->update($wpdb->posts,
                  array('post_date' => $local, 'post_date_gmt' => $gmt,
                        'post_modified' => $local, 'post_modified_gmt' => $gmt),
                  array('ID' => $id));
    clean_post_cache($id);
    echo "$id $gmt GMT = $local local\n";
    exit(0);
}

fwrite(STDERR, "woocommerce-setup.php: usage: activate | api-key USER [SCOPE] | backdate-order ID GMT\n");
exit(2);
