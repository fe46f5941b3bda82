// The form pattern of the console: Element Plus rules run first in the browser;
// then the server's answer decides. An ApiError naming a field of this form is
// shown at that field (el-form-item :error), any other error above the form.
// It holds no data of its own and never renders HTML.
import { ref, reactive, nextTick } from 'vue'

export function useServerForm(fields) {
  const formRef = ref(null) // the el-form, for its validate()
  const errors = reactive({}) // field → server message
  const formError = ref('') // server message that names no field of this form
  const submitting = ref(false) // a request is in flight

  function clear() {
    for (const k of Object.keys(errors)) errors[k] = ''
    formError.value = ''
  }

  // Validate, run fn(); true when it succeeded.
  async function submit(fn) {
    clear()
    await nextTick()
    if (formRef.value) {
      const ok = await formRef.value.validate().then(
        () => true,
        () => false
      )
      if (!ok) return false
    }
    submitting.value = true
    try {
      await fn()
      return true
    } catch (e) {
      const known = !fields || fields.includes(e.field)
      if (e.field && known) errors[e.field] = e.message
      else formError.value = e.message || '保存失败'
      return false
    } finally {
      submitting.value = false
    }
  }

  function reset() {
    clear()
    if (formRef.value) formRef.value.clearValidate()
  }

  return { formRef, errors, formError, submitting, submit, clear, reset }
}
