# The one image every service runs (web, scheduler, crawl workers): docker compose builds it.
FROM python:3.11-slim-bookworm

# LibreOffice converts .doc/.wps reports; Noto CJK renders Chinese in converted documents
RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
      libreoffice-writer-nogui fonts-noto-cjk \
 && rm -rf /var/lib/apt/lists/*

WORKDIR /app
COPY pyproject.toml README.md ./
COPY ogi ./ogi
COPY crawler ./crawler
COPY indexer ./indexer
COPY scheduler ./scheduler
COPY sources ./sources
RUN pip install --no-cache-dir ".[postgres,s3]"

RUN useradd --create-home --uid 1000 ogi && mkdir -p /data && chown ogi /data
USER ogi
ENV OGI_DATA_DIR=/data PYTHONUNBUFFERED=1
VOLUME ["/data"]
EXPOSE 8000
CMD ["ogi", "serve", "--host", "0.0.0.0", "--port", "8000", "--data-dir", "/data"]
