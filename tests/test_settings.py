import os
import subprocess
import sys

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.test import SimpleTestCase

from archive import env


class EnvTests(SimpleTestCase):
    def test_it_reads_booleans_strictly(self):
        self.assertIs(env.get_bool("DEBUG", False, {"DEBUG": "true"}), True)
        self.assertIs(env.get_bool("DEBUG", True, {"DEBUG": " Off "}), False)
        self.assertIs(env.get_bool("DEBUG", False, {}), False)
        with self.assertRaisesRegex(ImproperlyConfigured, "DEBUG='ture' is not a boolean"):
            env.get_bool("DEBUG", False, {"DEBUG": "ture"})

    def test_it_reads_lists_and_refuses_empty_items(self):
        self.assertEqual(env.get_list("ALLOWED_HOSTS", ["x"], {"ALLOWED_HOSTS": "a.org, b.org"}), ["a.org", "b.org"])
        self.assertEqual(env.get_list("ALLOWED_HOSTS", ["x"], {}), ["x"])
        with self.assertRaisesRegex(ImproperlyConfigured, "ALLOWED_HOSTS.*empty item"):
            env.get_list("ALLOWED_HOSTS", [], {"ALLOWED_HOSTS": "a.org,,b.org"})

    def test_it_refuses_a_weak_secret_key(self):
        with self.assertRaisesRegex(ImproperlyConfigured, "SECRET_KEY is too weak"):
            env.check_secret_key("short")
        with self.assertRaisesRegex(ImproperlyConfigured, "SECRET_KEY"):
            env.check_secret_key("django-insecure-" + "x1y2z3" * 10)
        strong = "k2P9-vQ7_zR4mN8wX1cB6tY3hJ5sD0fG9aL2eU7iO4pK1nM8bV6"
        self.assertEqual(env.check_secret_key(strong), strong)

    def test_it_reads_request_rates_and_the_switch_that_turns_them_off(self):
        self.assertEqual(env.get_rate("RATELIMIT_SEARCH", "120/m", {}), (120, 60))
        self.assertEqual(env.get_rate("RATELIMIT_SEARCH", "120/m", {"RATELIMIT_SEARCH": "10/5m"}), (10, 300))
        self.assertEqual(env.get_rate("RATELIMIT_SEARCH", "120/m", {"RATELIMIT_SEARCH": "1000/H"}), (1000, 3600))
        for off in ("off", "0", " OFF ", "0/m"):
            self.assertIsNone(env.get_rate("RATELIMIT_SEARCH", "120/m", {"RATELIMIT_SEARCH": off}), off)
        for wrong in ("120", "fast", "120/min", "120/0m", "-1/m", "١٢٠/m"):
            with self.assertRaisesRegex(ImproperlyConfigured, "RATELIMIT_SEARCH=.* is not a rate"):
                env.get_rate("RATELIMIT_SEARCH", "120/m", {"RATELIMIT_SEARCH": wrong})

    def test_it_reads_whole_numbers_strictly(self):
        self.assertEqual(env.get_int("TRUSTED_PROXIES", 0, {}), 0)
        self.assertEqual(env.get_int("TRUSTED_PROXIES", 0, {"TRUSTED_PROXIES": " 2 "}), 2)
        for wrong in ("yes", "-1", "1.5"):
            with self.assertRaisesRegex(ImproperlyConfigured, "TRUSTED_PROXIES=.* is not a whole number"):
                env.get_int("TRUSTED_PROXIES", 0, {"TRUSTED_PROXIES": wrong})


class SettingsTests(SimpleTestCase):
    def test_it_defaults_to_safe_production_values(self):
        self.assertFalse(settings.DEBUG)
        self.assertEqual(settings.LANGUAGE_CODE, "ar")
        self.assertEqual(settings.ALLOWED_HOSTS[:3], ["localhost", "127.0.0.1", "[::1]"])
        self.assertEqual(settings.DATABASES["default"]["ENGINE"], "archive.postgres")

    def settings_error(self, **variables: str) -> str:
        """Import the settings in a fresh interpreter with these variables."""
        result = subprocess.run(
            [sys.executable, "-c", "import archive.settings"],
            env={**os.environ, **variables},
            capture_output=True,
            text=True,
            cwd=settings.BASE_DIR,
        )
        self.assertNotEqual(result.returncode, 0)
        return result.stderr

    def test_it_stops_on_a_mistyped_debug(self):
        self.assertIn("DEBUG='yes please' is not a boolean", self.settings_error(DEBUG="yes please"))

    def test_it_refuses_a_database_that_is_not_postgresql(self):
        error = self.settings_error(DATABASE_URL="sqlite:///archive.db")
        self.assertIn("DATABASE_URL must point at PostgreSQL", error)

    def test_it_refuses_a_malformed_database_url(self):
        self.assertIn("DATABASE_URL", self.settings_error(DATABASE_URL="nonsense://"))

    def test_it_stops_on_a_mistyped_request_limit(self):
        self.assertIn("RATELIMIT_EXPORT='20 per minute' is not a rate", self.settings_error(RATELIMIT_EXPORT="20 per minute"))

    def test_it_refuses_a_redis_url_that_is_not_redis(self):
        self.assertIn("REDIS_URL='http://cache:6379' is not a Redis URL", self.settings_error(REDIS_URL="http://cache:6379"))

    def test_it_counts_in_redis_when_redis_url_is_set_and_in_memory_otherwise(self):
        script = "import archive.settings as s; print(s.CACHES['default']['BACKEND'])"
        with_redis = {**os.environ, "REDIS_URL": "redis://127.0.0.1:6379/0"}
        without = {key: value for key, value in os.environ.items() if key != "REDIS_URL"}
        backends = [
            subprocess.run([sys.executable, "-c", script], env=environment, capture_output=True, text=True,
                           cwd=settings.BASE_DIR).stdout.strip()
            for environment in (with_redis, without)
        ]
        self.assertEqual(backends, ["django.core.cache.backends.redis.RedisCache",
                                    "django.core.cache.backends.locmem.LocMemCache"])
