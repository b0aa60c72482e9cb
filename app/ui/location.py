"""Where a browser window is. The type is pure logic and lives in the core; the UI modules
import it from here as they always have."""

from app.core.s3.location import DELIMITER, Location, LocationError

__all__ = ["DELIMITER", "Location", "LocationError"]
