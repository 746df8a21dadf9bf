from django.db.backends.postgresql import base, creation

from archive.postgres import create_database_options


class DatabaseCreation(creation.DatabaseCreation):
    def sql_table_creation_suffix(self) -> str:
        test_settings = self.connection.settings_dict["TEST"]
        if test_settings.get("CHARSET") or test_settings.get("TEMPLATE"):
            return super().sql_table_creation_suffix()
        with self.connection._nodb_cursor() as cursor:
            cursor.execute("SHOW server_version_num")
            (version,) = cursor.fetchone()
        return create_database_options(int(version))


class DatabaseWrapper(base.DatabaseWrapper):
    creation_class = DatabaseCreation
