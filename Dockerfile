# syntax=docker/dockerfile:1
# Build stage: resolve the locked dependencies into a virtual environment.
FROM python:3.11-slim AS build
ENV PIP_DISABLE_PIP_VERSION_CHECK=1 UV_PYTHON_DOWNLOADS=never UV_COMPILE_BYTECODE=1 \
    UV_LINK_MODE=copy UV_PROJECT_ENVIRONMENT=/app/.venv
# uv in a venv of its own: some base images mark the system Python externally managed.
RUN python -m venv /opt/uv && /opt/uv/bin/pip install --no-cache-dir uv==0.13.9
ENV PATH=/opt/uv/bin:$PATH
WORKDIR /app
COPY pyproject.toml uv.lock README.md ./
RUN uv sync --frozen --no-dev --no-install-project
COPY domain ./domain
COPY application ./application
COPY adapters ./adapters
COPY entrypoints ./entrypoints
RUN uv sync --frozen --no-dev --no-editable

# Runtime stage: the environment and the code, run as an unprivileged user.
FROM python:3.11-slim AS runtime
RUN groupadd --system inkport && useradd --system --gid inkport --home-dir /app inkport \
    && mkdir -p /app/data && chown inkport:inkport /app/data
WORKDIR /app
COPY --from=build --chown=inkport:inkport /app/.venv /app/.venv
ENV PATH=/app/.venv/bin:$PATH PYTHONUNBUFFERED=1 \
    INKPORT_HOST=0.0.0.0 INKPORT_PORT=8000 INKPORT_LOG_FORMAT=json \
    INKPORT_DATABASE_URL=sqlite+aiosqlite:////app/data/inkport.db
USER inkport
EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=3s --start-period=10s --retries=3 \
    CMD python -c "import os, urllib.request; urllib.request.urlopen(f'http://127.0.0.1:{os.environ.get(\"INKPORT_PORT\", \"8000\")}/health/live', timeout=2)"
CMD ["inkport", "serve", "--migrate"]
