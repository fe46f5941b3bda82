// Vite build of the qinglian staff console: Vue single-file components into
// web/dist with hashed asset names, served by `qinglian serve` at /. It must not
// pull anything from the network at run time; the dev server only proxies the
// API (/api) and the public portal (/p) to a local `qinglian serve`.
import { defineConfig } from 'vite'
import vue from '@vitejs/plugin-vue'

export default defineConfig({
  base: '/',
  plugins: [vue()],
  server: {
    port: 5173,
    proxy: {
      '/api': { target: 'http://127.0.0.1:8080', changeOrigin: false },
      '/p': { target: 'http://127.0.0.1:8080', changeOrigin: false },
      '/healthz': { target: 'http://127.0.0.1:8080', changeOrigin: false }
    }
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    assetsDir: 'assets',
    chunkSizeWarningLimit: 1200,
    rollupOptions: {
      output: {
        // Split the large libraries so a change in our code does not bust their cache.
        manualChunks(id) {
          if (!id.includes('node_modules')) return undefined
          if (id.includes('echarts') || id.includes('zrender')) return 'echarts'
          if (id.includes('element-plus') || id.includes('@element-plus')) return 'element-plus'
          if (id.includes('/vue') || id.includes('@vue')) return 'vue'
          return 'vendor'
        }
      }
    }
  }
})
